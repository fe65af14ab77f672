using System.Runtime.CompilerServices;

namespace HftScalper.Binance.Live;

/// <summary>
/// Serialises calls into the sync between the forwarding receive loop and the rare other parties (a snapshot
/// arriving while the stream is quiet, a hand-over, a reset after a break). The receive loop pays one uncontended
/// compare-exchange per message; the others spin briefly, since the loop holds it for one message at most.
/// </summary>
internal struct DispatchGate
{
    private int _held;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0) EnterContended();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _held, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _held, 1, 0) != 0) spin.SpinOnce();
    }
}
