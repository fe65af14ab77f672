using System.Text.Json;
using System.Text.Json.Serialization;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The <c>--config FILE</c> of <c>hft replay</c>: a JSON object whose members override the defaults; absent members
/// keep them. Example:
/// <code>
/// { "topology": "threaded", "ringSize": 16384, "waitStrategy": "blocking", "stageCores": [0, 1, 1],
///   "initialEquity": 100000, "signalCooldownMs": 2000, "signalEnter": 0.55, "signalExit": 0.45,
///   "makerFeePpm": 1000, "takerFeePpm": 1000, "entryLatencyUs": 1000, "responseLatencyUs": 1000,
///   "risk": { "kellyFraction": 0.25, "maxDrawdownFraction": 0.05, "maxOrdersPerSecond": 10 } }
/// </code>
/// <c>risk</c> takes any property of <see cref="RiskOptions"/> in camelCase.
/// </summary>
public sealed class RunConfig
{
    /// <summary><c>inline</c> or <c>threaded</c>.</summary>
    public string? Topology { get; set; }

    /// <summary>Event ring slots (power of two).</summary>
    public int? RingSize { get; set; }

    /// <summary>Threaded wait strategy.</summary>
    public string? WaitStrategy { get; set; }

    /// <summary>Cores for the features, inference and strategy threads.</summary>
    public int[]? StageCores { get; set; }

    /// <summary>Starting equity in the quote currency.</summary>
    public double? InitialEquity { get; set; }

    /// <summary>Signal cool-down in ms of exchange time.</summary>
    public double? SignalCooldownMs { get; set; }

    /// <summary>Model probability to enter a direction.</summary>
    public float? SignalEnter { get; set; }

    /// <summary>Model probability below which a held direction is left.</summary>
    public float? SignalExit { get; set; }

    /// <summary>Maker fee, parts per million of notional.</summary>
    public int? MakerFeePpm { get; set; }

    /// <summary>Taker fee, parts per million of notional.</summary>
    public int? TakerFeePpm { get; set; }

    /// <summary>Order entry latency (constant), µs.</summary>
    public double? EntryLatencyUs { get; set; }

    /// <summary>Exchange response latency (constant), µs.</summary>
    public double? ResponseLatencyUs { get; set; }

    /// <summary>Risk options.</summary>
    public RiskOptions? Risk { get; set; }

    /// <summary>Most symbols one run registers (default <see cref="Core.Symbols.SymbolRegistry.DefaultMaxSymbols"/>,
    /// 10,000): a recording naming more has the extra ones refused and counted (<c>symbolsRefused</c>).</summary>
    public int? MaxSymbols { get; set; }

    /// <summary>Most levels a book keeps per side (default 10,000): farther ones are dropped and counted
    /// (<c>levelsDroppedByCap</c>).</summary>
    public int? MaxBookLevelsPerSide { get; set; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads <paramref name="path"/>; a malformed file or an unknown member is a clear error.</summary>
    public static RunConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config file not found: {path}");
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json) ?? new RunConfig();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"config {path}: {e.Message}");
        }
    }

    /// <summary>Applies the overrides to <paramref name="options"/>.</summary>
    public PipelineOptions Apply(PipelineOptions options)
    {
        var t = options.Trading;
        var signals = t.Signals;
        if (SignalEnter is not null || SignalExit is not null)
        {
            var th = new SignalThresholds(SignalEnter ?? signals.Thresholds.Enter, SignalExit ?? signals.Thresholds.Exit);
            th.Validate();
            signals = new SignalGeneratorOptions
            {
                Thresholds = th, MoveTicks = signals.MoveTicks, DownIndex = signals.DownIndex, FlatIndex = signals.FlatIndex, UpIndex = signals.UpIndex,
            };
        }
        var ex = t.Exchange;
        var exchange = new PaperExchangeOptions
        {
            EntryLatency = EntryLatencyUs is { } e ? LatencyModel.Constant(checked((long)(e * 1000))) : ex.EntryLatency,
            ResponseLatency = ResponseLatencyUs is { } r ? LatencyModel.Constant(checked((long)(r * 1000))) : ex.ResponseLatency,
            Fees = new FeeSchedule(MakerFeePpm ?? ex.Fees.MakerPpm, TakerFeePpm ?? ex.Fees.TakerPpm),
            QueueModel = ex.QueueModel, MaxOrders = ex.MaxOrders, MessageCapacity = ex.MessageCapacity,
            MaxWalkLevels = ex.MaxWalkLevels, MaxSymbols = ex.MaxSymbols,
        };
        Risk?.Validate();
        return options with
        {
            Topology = Topology is null ? options.Topology : Enum.Parse<PipelineTopology>(Topology, ignoreCase: true),
            RingSize = RingSize ?? options.RingSize,
            WaitStrategy = WaitStrategy ?? options.WaitStrategy,
            StageCores = StageCores ?? options.StageCores,
            MaxBookLevelsPerSide = MaxBookLevelsPerSide ?? options.MaxBookLevelsPerSide,
            Trading = t with
            {
                InitialEquity = InitialEquity ?? t.InitialEquity,
                SignalCooldownNs = SignalCooldownMs is { } c ? checked((long)(c * 1_000_000)) : t.SignalCooldownNs,
                Signals = signals,
                Exchange = exchange,
                Risk = Risk ?? t.Risk,
            },
        };
    }
}
