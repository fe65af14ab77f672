using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The client side's view of its orders: a pre-allocated pool of <see cref="TrackedOrder"/> slots, client order
/// ids that encode the slot (O(1) lookup, no dictionary), the <see cref="OrderStateMachine"/>, open-order counts
/// and open quantity per symbol and side for risk. Single-threaded (the execution stage); no allocation after
/// construction.
/// </summary>
/// <remarks>
/// Id layout: <c>(serial &lt;&lt; 20) | slot</c>; the serial grows by one per order, so ids are unique for the run
/// and a late report for a recycled slot is recognised (its id no longer matches) and counted, not applied. The serial
/// starts at 1 in every process: the <see cref="Session"/> prefix makes the text a venue sees unique across restarts.
/// </remarks>
public sealed class OrderTracker : IExecutionReportSink
{
    private const int SlotBits = 20;
    private const long SlotMask = (1L << SlotBits) - 1;

    private readonly TrackedOrder[] _orders;
    private readonly int[] _free;
    private readonly long[] _openBuyLots;
    private readonly long[] _openSellLots;
    private int _freeCount;
    private long _serial;

    /// <summary>Creates a pool of <paramref name="capacity"/> slots for symbols with ids below <paramref name="maxSymbols"/>,
    /// naming its orders in <paramref name="session"/> (default <see cref="ClientOrderIdSession.Replay"/>).</summary>
    public OrderTracker(int capacity = 1024, int maxSymbols = 64, ClientOrderIdSession? session = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << SlotBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbols, 1);
        _orders = new TrackedOrder[capacity];
        _free = new int[capacity];
        for (int i = 0; i < capacity; i++) _free[i] = capacity - 1 - i; // slot 0 handed out first
        _freeCount = capacity;
        _openBuyLots = new long[maxSymbols];
        _openSellLots = new long[maxSymbols];
        Session = session ?? ClientOrderIdSession.Replay;
    }

    /// <summary>The session whose prefix the venue sees before each id (<see cref="ClientOrderIdSession.Format"/>).</summary>
    public ClientOrderIdSession Session { get; }

    /// <summary>Pool size.</summary>
    public int Capacity => _orders.Length;

    /// <summary>Orders that may still trade (pending, acked, partially filled, pending cancel/replace, unknown).</summary>
    public int OpenCount => _orders.Length - _freeCount;

    /// <summary>Reports whose order id is not (or no longer) tracked.</summary>
    public long UnknownReports { get; private set; }

    /// <summary>Reports not valid in the order's status (duplicates, out of order); the state was kept.</summary>
    public long InvalidTransitions { get; private set; }

    /// <summary>Highest symbol id + 1 this tracker accepts.</summary>
    public int MaxSymbols => _openBuyLots.Length;

    /// <summary>Open buy quantity (leaves) of a symbol, in lots.</summary>
    public long OpenBuyLots(int symbolId) => _openBuyLots[symbolId];

    /// <summary>Open sell quantity (leaves) of a symbol, in lots.</summary>
    public long OpenSellLots(int symbolId) => _openSellLots[symbolId];

    /// <summary>
    /// Assigns a fresh client order id to <paramref name="request"/> and tracks it as
    /// <see cref="OrderStatus.PendingNew"/>. False when the pool is full or the symbol id is out of range.
    /// </summary>
    public bool TryCreate(ref OrderRequest request)
    {
        if (_freeCount == 0 || (uint)request.SymbolId >= (uint)_openBuyLots.Length) return false;
        int slot = _free[--_freeCount];
        long id = (++_serial << SlotBits) | (uint)slot;
        request.ClientOrderId = new ClientOrderId(id);
        ref var o = ref _orders[slot];
        o.Request = request;
        o.Status = OrderStatus.PendingNew;
        o.FilledLots = 0;
        o.UpdatedNs = request.TimeNs;
        AddOpen(in request, request.QuantityLots);
        return true;
    }

    /// <summary>The tracked order with this id; false if unknown or already released.</summary>
    public bool TryGet(ClientOrderId id, out TrackedOrder order)
    {
        int slot = Find(id);
        order = slot >= 0 ? _orders[slot] : default;
        return slot >= 0;
    }

    /// <summary>Marks a cancel as sent (<see cref="OrderStatus.PendingCancel"/>). False if the order is not open.</summary>
    public bool OnCancelSent(ClientOrderId id, long nowNs) => SetPending(id, OrderStatus.PendingCancel, nowNs);

    /// <summary>Marks a replace as sent: the original becomes <see cref="OrderStatus.PendingReplace"/> and the
    /// replacement is created (fresh id written into it). False (nothing changed) if either step is impossible.</summary>
    public bool OnReplaceSent(ClientOrderId original, ref OrderRequest replacement)
    {
        int slot = Find(original);
        if (slot < 0 || !OrderStateMachine.IsOpen(_orders[slot].Status) || _freeCount == 0) return false;
        if (!TryCreate(ref replacement)) return false;
        _orders[slot].Status = OrderStatus.PendingReplace;
        _orders[slot].UpdatedNs = replacement.TimeNs;
        return true;
    }

    /// <summary>Reconciliation hook: a request timed out or the connection dropped; the order counts as open
    /// with all its leaves until <see cref="Reconcile"/>.</summary>
    public bool MarkUnknown(ClientOrderId id, long nowNs) => SetPending(id, OrderStatus.Unknown, nowNs);

    /// <summary>
    /// Reconciliation hook: sets the status and cumulative fill the venue reported (order query or user data
    /// stream). Fills learnt this way must also reach the ledger as fill reports from the gateway. False if the id
    /// is unknown or <paramref name="filledLots"/> is out of range.
    /// </summary>
    public bool Reconcile(ClientOrderId id, OrderStatus venueStatus, long filledLots, long nowNs)
    {
        int slot = Find(id);
        if (slot < 0) return false;
        ref var o = ref _orders[slot];
        if (filledLots < 0 || filledLots > o.Request.QuantityLots) return false;
        AddOpen(in o.Request, -o.LeavesLots);
        o.FilledLots = filledLots;
        o.Status = venueStatus;
        o.UpdatedNs = nowNs;
        if (OrderStateMachine.IsOpen(venueStatus)) AddOpen(in o.Request, o.LeavesLots);
        else Release(slot);
        return true;
    }

    /// <summary>Applies a report: status transition, fill quantities, and release of the slot when done.</summary>
    public void OnExecutionReport(in ExecutionReport report)
    {
        int slot = Find(report.ClientOrderId);
        if (slot < 0)
        {
            UnknownReports++;
            return;
        }
        ref var o = ref _orders[slot];
        long filled = o.FilledLots + (report.IsFill ? report.LastQuantityLots : 0);
        if (filled > o.Request.QuantityLots
            || !OrderStateMachine.TryApply(o.Status, report.Kind, filled, out var next))
        {
            InvalidTransitions++;
            return;
        }
        if (report.IsFill)
        {
            o.FilledLots = filled;
            AddOpen(in o.Request, -report.LastQuantityLots);
        }
        o.Status = next;
        o.UpdatedNs = report.ReceiveTimeNs;
        if (OrderStateMachine.IsTerminal(next))
        {
            AddOpen(in o.Request, -o.LeavesLots);
            Release(slot);
        }
    }

    /// <summary>Copies the ids of open orders (of one symbol, or all when <paramref name="symbolId"/> &lt; 0) in slot
    /// order; returns the count written.</summary>
    public int CopyOpenOrders(int symbolId, Span<ClientOrderId> destination)
    {
        int n = 0;
        for (int i = 0; i < _orders.Length && n < destination.Length; i++)
        {
            ref var o = ref _orders[i];
            if (OrderStateMachine.IsOpen(o.Status) && (symbolId < 0 || o.Request.SymbolId == symbolId))
                destination[n++] = o.Request.ClientOrderId;
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ClientOrderId id)
    {
        long slot = id.Value & SlotMask;
        if (!id.IsValid || slot >= _orders.Length) return -1;
        ref var o = ref _orders[slot];
        return o.Status != OrderStatus.None && o.Request.ClientOrderId == id ? (int)slot : -1;
    }

    private bool SetPending(ClientOrderId id, OrderStatus status, long nowNs)
    {
        int slot = Find(id);
        if (slot < 0 || !OrderStateMachine.IsOpen(_orders[slot].Status)) return false;
        _orders[slot].Status = status;
        _orders[slot].UpdatedNs = nowNs;
        return true;
    }

    private void AddOpen(in OrderRequest r, long lots)
    {
        if (r.Side == OrderSide.Buy) _openBuyLots[r.SymbolId] += lots;
        else _openSellLots[r.SymbolId] += lots;
    }

    private void Release(int slot)
    {
        _orders[slot].Status = OrderStatus.None;
        _free[_freeCount++] = slot;
    }
}
