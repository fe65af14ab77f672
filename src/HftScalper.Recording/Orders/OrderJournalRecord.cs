using System.Runtime.InteropServices;
using HftScalper.Trading.Execution;

namespace HftScalper.Recording.Orders;

/// <summary>
/// One order journal record: an order request (new, cancel, replace) or an execution report, as plain integers in a
/// fixed 128-byte layout (its in-memory layout, little-endian, is the record payload). It holds ids, prices in
/// ticks, quantities in lots and times only: no text, so no key, signature or other secret can ever be written.
/// <code>
///  0 u8 version | 1 u8 entry | 2 i8 side | 3 u8 order type | 4 u8 report kind | 5 u8 reason | 6 u8 liquidity | 7 u8 flags
///  8 i32 symbol | 12 i32 reserved | 16 i64 client order id | 24 i64 original client order id (replace)
/// 32 i64 price ticks | 40 i64 quantity lots | 48 i64 last price ticks | 56 i64 last quantity lots
/// 64 i64 cumulative lots | 72 i64 leaves lots | 80 i64 fee | 88 i64 time ns (request: decision time; report: exchange time)
/// 96 i64 receive time ns (reports) | 104 i64 ring sequence | 112 i64 ingress Stopwatch ticks | 120 i64 reserved
/// </code>
/// A later version appends fields in the reserved space or grows the record; the version byte says which.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct OrderJournalRecord
{
    /// <summary>Bytes per record payload.</summary>
    public const int Size = 128;

    /// <summary>The layout version this code writes.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Flag bit: the order may only reduce the position.</summary>
    public const byte ReduceOnlyFlag = 1;

    /// <summary>Layout version (<see cref="CurrentVersion"/>).</summary>
    [FieldOffset(0)] public byte Version;

    /// <summary>Request or report.</summary>
    [FieldOffset(1)] public OrderJournalEntryKind Entry;

    /// <summary>Buy or sell (<see cref="OrderSide.None"/> for a cancel).</summary>
    [FieldOffset(2)] public OrderSide Side;

    /// <summary>Order type (requests and reports; none for a cancel).</summary>
    [FieldOffset(3)] public OrderType OrderType;

    /// <summary>What a report says happened (reports only).</summary>
    [FieldOffset(4)] public ExecutionReportKind ReportKind;

    /// <summary>Why (rejects and cancels).</summary>
    [FieldOffset(5)] public ExecutionReason Reason;

    /// <summary>Maker or taker (fills).</summary>
    [FieldOffset(6)] public Liquidity Liquidity;

    /// <summary>Bit flags (<see cref="ReduceOnlyFlag"/>).</summary>
    [FieldOffset(7)] public byte Flags;

    /// <summary>Symbol id of the run's registry (the journal header lists the symbols).</summary>
    [FieldOffset(8)] public int SymbolId;

    /// <summary>Our id of the order.</summary>
    [FieldOffset(16)] public long ClientOrderId;

    /// <summary>The order a replace cancels (0 otherwise).</summary>
    [FieldOffset(24)] public long OriginalClientOrderId;

    /// <summary>Limit price of the order in ticks (0 for market orders and cancels).</summary>
    [FieldOffset(32)] public long PriceTicks;

    /// <summary>Order quantity in lots (requests).</summary>
    [FieldOffset(40)] public long QuantityLots;

    /// <summary>Price of this fill in ticks (fill reports).</summary>
    [FieldOffset(48)] public long LastPriceTicks;

    /// <summary>Quantity of this fill in lots (fill reports).</summary>
    [FieldOffset(56)] public long LastQuantityLots;

    /// <summary>Filled so far in lots (reports).</summary>
    [FieldOffset(64)] public long CumulativeQuantityLots;

    /// <summary>Still open in lots (reports).</summary>
    [FieldOffset(72)] public long LeavesQuantityLots;

    /// <summary>Fee of this fill in the symbol's quote units (negative = rebate).</summary>
    [FieldOffset(80)] public long Fee;

    /// <summary>Request: when it was decided (run clock, ns). Report: when the venue processed it (ns).</summary>
    [FieldOffset(88)] public long TimeNs;

    /// <summary>Report: when it reached us (ns); 0 for requests.</summary>
    [FieldOffset(96)] public long ReceiveTimeNs;

    /// <summary>Ring sequence of the decision event (new orders; 0 otherwise).</summary>
    [FieldOffset(104)] public long Sequence;

    /// <summary>Stopwatch timestamp of the frame behind a new order (0 when none; this process only).</summary>
    [FieldOffset(112)] public long IngressTicks;

    /// <summary>True when the reduce-only flag is set.</summary>
    public readonly bool ReduceOnly => (Flags & ReduceOnlyFlag) != 0;

    /// <summary>A new order (or, with <paramref name="original"/>, a replace).</summary>
    public static OrderJournalRecord FromRequest(in OrderRequest r, OrderJournalEntryKind entry = OrderJournalEntryKind.New, long original = 0) => new()
    {
        Version = CurrentVersion, Entry = entry, Side = r.Side, OrderType = r.Type, Flags = r.ReduceOnly ? ReduceOnlyFlag : (byte)0,
        SymbolId = r.SymbolId, ClientOrderId = r.ClientOrderId.Value, OriginalClientOrderId = original, PriceTicks = r.PriceTicks,
        QuantityLots = r.QuantityLots, TimeNs = r.TimeNs, Sequence = r.Sequence, IngressTicks = r.IngressTicks,
    };

    /// <summary>A cancel request.</summary>
    public static OrderJournalRecord FromCancel(ClientOrderId id, int symbolId, long nowNs) => new()
    {
        Version = CurrentVersion, Entry = OrderJournalEntryKind.Cancel, SymbolId = symbolId, ClientOrderId = id.Value, TimeNs = nowNs,
    };

    /// <summary>An execution report.</summary>
    public static OrderJournalRecord FromReport(in ExecutionReport r) => new()
    {
        Version = CurrentVersion, Entry = OrderJournalEntryKind.Report, Side = r.Side, OrderType = r.OrderType, ReportKind = r.Kind,
        Reason = r.Reason, Liquidity = r.Liquidity, SymbolId = r.SymbolId, ClientOrderId = r.ClientOrderId.Value,
        PriceTicks = r.OrderPriceTicks, LastPriceTicks = r.LastPriceTicks, LastQuantityLots = r.LastQuantityLots,
        CumulativeQuantityLots = r.CumulativeQuantityLots, LeavesQuantityLots = r.LeavesQuantityLots, Fee = r.Fee,
        TimeNs = r.ExchangeTimeNs, ReceiveTimeNs = r.ReceiveTimeNs,
    };
}
