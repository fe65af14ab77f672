namespace HftScalper.Trading.Execution;

/// <summary>Settings of the <see cref="PaperExchange"/> (init-only; defaults are a realistic, risk-averse setup).</summary>
public sealed record PaperExchangeOptions
{
    /// <summary>Longest configurable one-way latency: 60 s (anything longer is an outage, not a latency).</summary>
    public const long MaxLatencyNs = 60_000_000_000;

    /// <summary>Delay from <see cref="IExecutionGateway.Submit"/> (at the request's time) to the order reaching the
    /// matching engine. Default: constant 1 ms.</summary>
    public LatencyModel EntryLatency { get; init; } = LatencyModel.Constant(1_000_000);

    /// <summary>Delay from the matching engine to the report reaching us. Default: constant 1 ms.</summary>
    public LatencyModel ResponseLatency { get; init; } = LatencyModel.Constant(1_000_000);

    /// <summary>Maker/taker fees. Default: Binance spot, 0.1 % / 0.1 %.</summary>
    public FeeSchedule Fees { get; init; } = FeeSchedule.BinanceSpotDefault;

    /// <summary>Queue advance by cancels. Default: <see cref="QueueCancelModel.Never"/> (risk-averse).</summary>
    public QueueCancelModel QueueModel { get; init; } = QueueCancelModel.Never;

    /// <summary>Orders resting or in flight at once (pre-allocated). Default 256.</summary>
    public int MaxOrders { get; init; } = 256;

    /// <summary>Requests in flight plus reports not yet delivered (pre-allocated rings). Default 4096.</summary>
    public int MessageCapacity { get; init; } = 4096;

    /// <summary>Book levels a marketable order may walk (and the depth searched for the queue). Default 200.</summary>
    public int MaxWalkLevels { get; init; } = 200;

    /// <summary>Highest symbol id + 1. Default 64.</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>Whether the account may sell spot symbols short (margin). Default false: a spot sell beyond the base
    /// held (the venue's own fills) is rejected with <see cref="ExecutionReason.InsufficientBalance"/>. Applies when
    /// the exchange is given the symbols (their venue says which are spot).</summary>
    public bool SpotMargin { get; init; }

    /// <summary>Contract sizes in USD of COIN-M symbols by name, overriding Binance's (the run's
    /// <see cref="Margin.FuturesOptions.ContractSizes"/>, copied in by the composition as <see cref="SpotMargin"/> is):
    /// an inverse fill's fee is a share of its coin notional. Applies when the exchange is given the symbols.</summary>
    public IReadOnlyDictionary<string, long>? ContractSizes { get; init; }

    /// <summary>The venue's order filters, checked when an order reaches the matching engine (before the balance check,
    /// as Binance orders them): an order they refuse is rejected (<see cref="ExecutionReason.FilterFailure"/>, counted in
    /// <see cref="PaperExchange.FilterRejects"/>), never filled. The percent-price band is centred on the book's mid at
    /// arrival (Binance uses spot's 5-minute weighted average price, futures' mark price: neither is in a depth stream).
    /// Null (replay, backtest: no exchangeInfo): nothing is checked.</summary>
    public IOrderFilter? Filters { get; init; }
}
