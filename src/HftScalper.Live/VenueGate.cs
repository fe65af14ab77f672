using System.Runtime.CompilerServices;

namespace HftScalper.Live;

/// <summary>
/// The live host's fail-closed switch: a set of <see cref="VenueBlock"/> reasons written by the control task and the
/// reconciler (any thread, lock-free), read by the trading thread before every decision (one volatile read). Starts
/// blocked by <see cref="VenueBlock.Reconciling"/>: nothing trades before the first reconciliation agrees.
/// </summary>
public sealed class VenueGate
{
    private int _blocks = (int)VenueBlock.Reconciling;

    /// <summary>True when no reason blocks.</summary>
    public bool IsOpen
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _blocks) == 0;
    }

    /// <summary>The reasons set now.</summary>
    public VenueBlock Blocks => (VenueBlock)Volatile.Read(ref _blocks);

    /// <summary>Sets <paramref name="reason"/>.</summary>
    public void Block(VenueBlock reason) => Interlocked.Or(ref _blocks, (int)reason);

    /// <summary>Clears <paramref name="reason"/>.</summary>
    public void Unblock(VenueBlock reason) => Interlocked.And(ref _blocks, ~(int)reason);

    /// <summary>Sets or clears <paramref name="reason"/>.</summary>
    public void Set(VenueBlock reason, bool blocked)
    {
        if (blocked) Block(reason);
        else Unblock(reason);
    }

    /// <inheritdoc />
    public override string ToString() => Blocks == VenueBlock.None ? "open" : Blocks.ToString();
}
