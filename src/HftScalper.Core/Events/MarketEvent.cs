using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Core.Events;

/// <summary>
/// One market event: exactly 64 bytes (one cache line), blittable, so a ring of them is one pinned array and
/// the native book can read it without marshalling.
/// </summary>
/// <remarks>
/// Prices are integer ticks and quantities integer lots in the symbol's scales (<see cref="Symbols.SymbolInfo"/>);
/// never <c>double</c>. Offsets 32 and 40 are a union whose meaning depends on <see cref="Kind"/>:
/// <list type="table">
///   <item><term>BookDelta / SnapshotLevel</term><description>32: <see cref="FirstUpdateId"/> (Binance <c>U</c>), 40: <see cref="PrevUpdateId"/> (<c>pu</c>)</description></item>
///   <item><term>TopOfBook</term><description><see cref="Price"/>/<see cref="Quantity"/> are the bid; 32: <see cref="AskPrice"/>, 40: <see cref="AskQuantity"/></description></item>
///   <item><term>Trade</term><description>32: <see cref="FirstUpdateId"/> = first trade id of an aggregate trade (else = <see cref="UpdateId"/>)</description></item>
///   <item><term>MarkPrice</term><description><see cref="Price"/> mark, <see cref="Quantity"/> index price (ticks); 32: <see cref="FundingRateE8"/>, 40: <see cref="NextFundingTimeNs"/></description></item>
/// </list>
/// <see cref="UpdateId"/> is the final update id <c>u</c> of a depth message (on every level of it), the book
/// update id of a top-of-book, the trade id of a trade, the snapshot's <c>lastUpdateId</c>, or a
/// <see cref="FeedStatus"/> for status events. The layout is asserted by a test: changing it is an ABI change.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct MarketEvent
{
    /// <summary>Size of the struct in bytes.</summary>
    public const int Size = 64;

    /// <summary>Exchange event time, nanoseconds since the Unix epoch (0 when the venue gives none).</summary>
    [FieldOffset(0)] public long ExchangeTimeNs;

    /// <summary>Local receive time, nanoseconds since the Unix epoch (recorded, or the live clock at receipt).</summary>
    [FieldOffset(8)] public long LocalTimeNs;

    /// <summary>Level price, bid price (top of book) or trade price, in ticks.</summary>
    [FieldOffset(16)] public long Price;

    /// <summary>Level quantity (absolute; 0 removes), bid quantity (top of book) or trade quantity, in lots.</summary>
    [FieldOffset(24)] public long Quantity;

    /// <summary>First update id of the depth message (<c>U</c>), or the first trade id of an aggregate trade.</summary>
    [FieldOffset(32)] public long FirstUpdateId;

    /// <summary>Ask price in ticks (top-of-book events only; shares storage with <see cref="FirstUpdateId"/>).</summary>
    [FieldOffset(32)] public long AskPrice;

    /// <summary>Funding rate x 1e8, signed (mark-price events only; shares storage with <see cref="FirstUpdateId"/>).</summary>
    [FieldOffset(32)] public long FundingRateE8;

    /// <summary>Previous final update id (<c>pu</c>, USD-M futures depth only; see <see cref="MarketEventFlags.HasPrevUpdateId"/>).</summary>
    [FieldOffset(40)] public long PrevUpdateId;

    /// <summary>Ask quantity in lots (top-of-book events only; shares storage with <see cref="PrevUpdateId"/>).</summary>
    [FieldOffset(40)] public long AskQuantity;

    /// <summary>Next funding time, ns since the Unix epoch, 0 = unknown (mark-price events only; shares storage with
    /// <see cref="PrevUpdateId"/>).</summary>
    [FieldOffset(40)] public long NextFundingTimeNs;

    /// <summary>Final update id <c>u</c>, book update id, trade id, snapshot <c>lastUpdateId</c> or status code.</summary>
    [FieldOffset(48)] public long UpdateId;

    /// <summary>Id from the <see cref="Symbols.SymbolRegistry"/>.</summary>
    [FieldOffset(56)] public int SymbolId;

    /// <summary>What the event carries.</summary>
    [FieldOffset(60)] public MarketEventKind Kind;

    /// <summary>Book side of a level, or aggressor side of a trade.</summary>
    [FieldOffset(61)] public Side Side;

    /// <summary>Flags, see <see cref="MarketEventFlags"/>.</summary>
    [FieldOffset(62)] public MarketEventFlags Flags;

    /// <summary>True when the event closes one exchange message (see <see cref="MarketEventFlags.LastInMessage"/>).</summary>
    public readonly bool IsLastInMessage
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Flags & MarketEventFlags.LastInMessage) != 0;
    }

    /// <summary>Resets every field, so a reused ring slot never leaks the previous event's data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear() => this = default;

    /// <inheritdoc />
    public override readonly string ToString() =>
        $"{Kind} sym={SymbolId} side={Side} px={Price} qty={Quantity} u={UpdateId} U/ask={FirstUpdateId} pu/askQty={PrevUpdateId} flags={Flags} exch={ExchangeTimeNs} local={LocalTimeNs}";
}
