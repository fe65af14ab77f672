using HftScalper.Inference.Lifecycle;

namespace HftScalper.Training.Adaptation;

/// <summary>One symbol of a <see cref="SymbolAdaptation"/>: its lifecycle (folder, registry, live model, shadow) and its loop.</summary>
/// <param name="Id">Symbol id.</param>
/// <param name="Name">Symbol name.</param>
/// <param name="Lifecycle">The symbol's models folder, registry, live model and shadow.</param>
/// <param name="Loop">The loop pinned to the symbol.</param>
/// <param name="StartSha256">SHA-256 of the shared model the symbol started from.</param>
/// <param name="StartSeconds">Exchange-time seconds from the run's first event to the symbol's first synced decision.</param>
public sealed record AdaptedSymbol(int Id, string Name, ModelLifecycle Lifecycle, AdaptationLoop Loop, string StartSha256, double StartSeconds)
{
    /// <summary>True when the symbol is served by a model of its own (not the shared start model).</summary>
    public bool Graduated => Lifecycle.Host.Current is { } m && m.Sha256 != StartSha256;
}
