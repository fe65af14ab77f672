namespace HftScalper.Trading.Execution;

/// <summary>
/// The desk's gateway when an <see cref="IOrderFlowObserver"/> is attached: tells the observer of each request, then
/// passes it on unchanged (the observer sees it before any report the request causes, even one the gateway delivers
/// synchronously). Allocation-free.
/// </summary>
internal sealed class ObservedGateway(IExecutionGateway inner, IOrderFlowObserver observer) : IExecutionGateway
{
    /// <summary>The gateway requests go to.</summary>
    public IExecutionGateway Inner => inner;

    /// <inheritdoc />
    public bool Submit(in OrderRequest request)
    {
        observer.OnSubmit(in request);
        return inner.Submit(in request);
    }

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs)
    {
        observer.OnCancel(clientOrderId, symbolId, nowNs);
        return inner.Cancel(clientOrderId, symbolId, nowNs);
    }

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement)
    {
        observer.OnReplace(original, in replacement);
        return inner.Replace(original, in replacement);
    }
}
