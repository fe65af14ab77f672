using System.Runtime.CompilerServices;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// A batch's hold on the live model, from <see cref="ModelHost.Acquire"/>: while it is held the session is not
/// disposed, even if a swap happens. A struct (no allocation); release it exactly once, ideally with
/// <c>using var lease = host.Acquire();</c>. An empty lease means no model is loaded.
/// </summary>
public readonly struct ModelLease : IDisposable
{
    internal ModelLease(ServedModel? model) => Model = model;

    /// <summary>The model held, or null when none is loaded.</summary>
    public ServedModel? Model { get; }

    /// <summary>The session held, or null when none is loaded.</summary>
    public ModelSession? Session => Model?.Session;

    /// <summary>True when no model was loaded at acquire time.</summary>
    public bool IsEmpty => Model is null;

    /// <summary>Releases the hold (the host may dispose a swapped-out session once every hold is released).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => Model?.Exit();
}
