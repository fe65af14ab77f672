using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Execution;

/// <summary>
/// Our id for an order, chosen before it is sent (Binance <c>newClientOrderId</c>): a 64-bit value so the hot
/// path never builds strings, unique within the process. A gateway sends it with its session prefix
/// (<see cref="ClientOrderIdSession"/>: <c>{prefix}-{hex}</c>, at most 36 characters), which makes it unique across
/// restarts. 0 means "no id".
/// </summary>
public readonly record struct ClientOrderId(long Value)
{
    /// <summary>The empty id.</summary>
    public static ClientOrderId None => default;

    /// <summary>True for a real (non-zero) id.</summary>
    public bool IsValid
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Value != 0;
    }

    /// <summary>Hex text of the id (off the hot path: allocates).</summary>
    public override string ToString() => Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
