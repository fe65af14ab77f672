namespace HftScalper.Trading.Execution;

/// <summary>A request travelling to the <see cref="PaperExchange"/>'s matching engine (entry latency).</summary>
internal struct PendingRequest
{
    public PendingRequestKind Kind;
    /// <summary>New order, or the replacement of a replace.</summary>
    public OrderRequest Request;
    /// <summary>Order to cancel or replace.</summary>
    public ClientOrderId Target;
    public int SymbolId;
    /// <summary>Exchange time at which the matching engine sees it.</summary>
    public long ArrivalNs;
}

/// <summary>What a <see cref="PendingRequest"/> asks for.</summary>
internal enum PendingRequestKind : byte
{
    New = 1,
    Cancel = 2,
    Replace = 3,
}
