using HftScalper.FakeExchange.Orders;

namespace HftScalper.FakeExchange;

/// <summary>Configuration of a <see cref="FakeBinanceExchange"/>.</summary>
public sealed record FakeExchangeOptions
{
    /// <summary>Symbols served (upper case).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT"];

    /// <summary>Scales and filters by symbol, over the built-in ones (<see cref="FakeSymbolSpec.Of"/>: DOGEUSDT, XRPUSDT,
    /// ADAUSDT spot; BNBUSDT, SOLUSDT USD-M; BTC-like otherwise).</summary>
    public IReadOnlyDictionary<string, FakeSymbolSpec> SymbolSpecs { get; init; } = new Dictionary<string, FakeSymbolSpec>();

    /// <summary>Symbols streamed but left out of exchangeInfo (spot <c>?symbols=</c> naming one answers -1121 Invalid symbol).</summary>
    public IReadOnlyList<string> UnlistedSymbols { get; init; } = [];

    /// <summary>A minimum order notional the order side enforces above the one exchangeInfo publishes (0: none), as when
    /// Binance changes a filter while a run holds the old exchangeInfo: such orders are rejected as a filter failure.</summary>
    public decimal UnpublishedMinNotional { get; init; }

    /// <summary>exchangeInfo answers HTTP 503 (an outage), every market.</summary>
    public bool ExchangeInfoUnavailable { get; init; }

    /// <summary>Seed of the deterministic book generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>One depth update per symbol per tick.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Emit USD-M futures messages (<c>T</c>, <c>pu</c>; snapshot with <c>E</c>, <c>T</c>).</summary>
    public bool Futures { get; init; }

    /// <summary>With <see cref="Futures"/>: COIN-M (coin-margined inverse contracts, Binance's <c>dapi</c>/<c>dstream</c>) instead of
    /// USD-M: quantities in whole contracts, the pair (<c>ps</c>) in market messages, orders on <c>/dapi/v1</c>.</summary>
    public bool CoinM { get; init; }

    /// <summary>With <see cref="CoinM"/>: the <c>contractSize</c> (USD) exchangeInfo states per symbol; unnamed ones: Binance's
    /// 100 for BTCUSD contracts, 10 for the others.</summary>
    public IReadOnlyDictionary<string, long> ContractSizes { get; init; } = new Dictionary<string, long>();

    /// <summary>With <see cref="Futures"/>: the brackets <c>GET /dapi/v2/leverageBracket</c> (COIN-M) and
    /// <c>GET /fapi/v1/leverageBracket</c> (USD-M) answer for every symbol; null: those endpoints answer an error (-1000).</summary>
    public IReadOnlyList<FakeLeverageBracket>? LeverageBrackets { get; init; }

    /// <summary>With <see cref="Futures"/>: interval of the <c>&lt;symbol&gt;@markPrice@1s</c> stream (Binance: 1 s).</summary>
    public TimeSpan MarkPriceInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>With <see cref="Futures"/>: the mark price served is the book's mid plus this (quote asset; Binance's mark
    /// follows the index and the basis, not the book, so it differs from the mid).</summary>
    public decimal MarkPriceOffset { get; init; } = -1.5m;

    /// <summary>With <see cref="Futures"/>: the funding rate the mark-price stream announces.</summary>
    public decimal FundingRate { get; init; } = 0.0001m;

    /// <summary>Interval of the server's WebSocket ping frames.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A connection whose pong does not come back within this time is aborted (Binance: 1 minute). The default
    /// only bounds a dead client: at 1 s a loaded CI machine that stalled a live client for a second had it dropped
    /// mid-test (a test of the drop itself sets a short one).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Incoming messages per second per connection before the server drops it (Binance spot: 5).</summary>
    public int MaxIncomingPerSecond { get; init; } = 5;

    /// <summary>When set, replay this real recording (hftbacktest format, one symbol) instead of generating data.</summary>
    public IReadOnlyList<string>? Recording { get; init; }

    /// <summary>Recorded messages sent per tick when replaying a recording.</summary>
    public int RecordedMessagesPerTick { get; init; } = 20;

    /// <summary>REQUEST_WEIGHT per minute reported in <c>X-MBX-USED-WEIGHT-1M</c>.</summary>
    public int WeightLimitPerMinute { get; init; } = 6000;

    /// <summary>ORDERS per 10 seconds (spot: 50).</summary>
    public int OrderLimitPer10Seconds { get; init; } = 50;

    /// <summary>ORDERS per day (spot: 160000).</summary>
    public int OrderLimitPerDay { get; init; } = 160_000;

    /// <summary>429 answers tolerated within a minute before the IP is banned (418).</summary>
    public int BanAfterViolations { get; init; } = 3;

    /// <summary>Length of a ban (418, <c>Retry-After</c>).</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Retry-After</c> of an injected 429.</summary>
    public TimeSpan InjectedRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Keys accepted for signed requests (none: every signed request fails with -2015).</summary>
    public IReadOnlyList<FakeApiKey> ApiKeys { get; init; } = [];

    /// <summary>Starting spot balances, or the USD-M wallet (its <c>USDT</c> entry).</summary>
    public IReadOnlyDictionary<string, decimal> StartingBalances { get; init; } = new Dictionary<string, decimal> { ["BTC"] = 1m, ["USDT"] = 100_000m };

    /// <summary>Maker fee rate (spot VIP0 0.1 %; use 0.0002 for USD-M).</summary>
    public decimal MakerFee { get; init; } = 0.001m;

    /// <summary>Taker fee rate (spot VIP0 0.1 %; use 0.0005 for USD-M).</summary>
    public decimal TakerFee { get; init; } = 0.001m;

    /// <summary>USD-M leverage of every symbol.</summary>
    public int Leverage { get; init; } = 20;

    /// <summary>How long a delayed ack is held back.</summary>
    public TimeSpan DelayedAck { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a <see cref="OrderFault.DelayedArrival"/> request travels before the exchange sees it.</summary>
    public TimeSpan ArrivalDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Lifetime of a USD-M listenKey without a keep-alive (Binance: 60 minutes).</summary>
    public TimeSpan ListenKeyValidity { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Probability of each fault per order request (drawn from a generator seeded with <see cref="Seed"/>).</summary>
    public IReadOnlyDictionary<OrderFault, double> FaultProbabilities { get; init; } = new Dictionary<OrderFault, double>();
}
