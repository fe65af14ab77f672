using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Features.Schema;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Training.Labels;
using HftScalper.Inference.Contracts;

namespace HftScalper.Training.Data;

/// <summary>
/// Builds a dataset by replaying recordings (or the built-in simulator) through <see cref="FeatureReplay"/>, the same
/// book + feature code the live pipeline runs, so training and serving features are identical. Recordings are
/// grouped into inputs by market (<see cref="DatasetInput.Group"/>: each replays under its own depth rule), and each
/// followed symbol of each input is a <see cref="DatasetSegment"/> with its own mid path, so a dataset may mix
/// symbols and markets while every label reads its own symbol's mid. Segments follow each other on the dataset's time
/// axis in the order given (inputs, then symbols by first decision), a day apart, so walk-forward test blocks come
/// after their training data and no label or purge window spans two segments. One segment (the usual case) keeps its
/// recorded times. Decisions on a locked or crossed quote are left out (counted as unsynced).
/// </summary>
public sealed class ReplayDataset
{
    /// <summary>Decisions of the followed symbols (before sampling).</summary>
    public long FollowedDecisions { get; private init; }

    /// <summary>Of <see cref="FollowedDecisions"/>, those made while the symbol's depth book was not synced: never
    /// samples (a recording without a depth snapshot gives nothing but these).</summary>
    public long UnsyncedDecisions { get; private init; }

    /// <summary>Why <see cref="Samples"/> is empty, for the error a command gives: "no sample came out of ..." and,
    /// when every decision had an unsynced book, that cause.</summary>
    public string NoSamplesMessage => FollowedDecisions > 0 && UnsyncedDecisions == FollowedDecisions
        ? $"no sample came out of {Description}: none of its {FollowedDecisions} decisions had a synced depth book (a recording without a depth snapshot, e.g. one that continues another, must be given after the one it continues)"
        : FollowedDecisions > 0 && DecisionsAfterUntil == FollowedDecisions
        ? $"no sample came out of {Description}: all of its {FollowedDecisions} decisions were at or after the data's end time (--until)"
        : $"no sample came out of {Description}";

    /// <summary>Decisions of the followed symbols at or after the dataset's end time (<c>untilNs</c> of
    /// <see cref="Build"/>), left out of samples and labels alike.</summary>
    public long DecisionsAfterUntil { get; private init; }

    /// <summary>Gap between consecutive segments on the dataset's time axis: longer than any horizon labelled.</summary>
    public const long SegmentGapNs = 86_400_000_000_000;

    private ReplayDataset(IReadOnlyList<DatasetSegment> segments, FeatureSchema schema, string description, long otherSymbols,
        FeatureEngineOptions features, InputDamage damage)
    {
        Segments = segments;
        Features = features;
        Schema = schema;
        Description = description;
        OtherSymbolDecisions = otherSymbols;
        InputDamage = damage;
        long end = long.MinValue;
        foreach (var s in segments)
        {
            if (s.Builder.Decisions.Count == 0) continue;
            long start = s.Builder.Decisions.TimesNs[0];
            s.OffsetNs = end == long.MinValue || start > end + SegmentGapNs ? 0 : end + SegmentGapNs - start;
            end = s.EndNs;
        }
        Samples = segments.Count == 1 ? segments[0].Builder.Samples : Concat(segments, schema.Count);
    }

    /// <summary>The symbols and inputs the rows come from, in time-axis order.</summary>
    public IReadOnlyList<DatasetSegment> Segments { get; }

    /// <summary>The first segment's samples and decision path (the whole dataset when it has one segment).</summary>
    public DatasetBuilder Builder => Segments[0].Builder;

    /// <summary>Every segment's samples, end to end, with times on the dataset's axis.</summary>
    public FeatureMatrix Samples { get; }

    /// <summary>The feature schema of the rows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Registry id of the first segment's symbol in its replay (what a <see cref="RegimeHistory"/> keys it by).</summary>
    public int SymbolId => Segments[0].SymbolId;

    /// <summary>The feature engine settings the rows were computed with.</summary>
    public FeatureEngineOptions Features { get; }

    /// <summary>The symbols followed, comma-separated in segment order (one name for one segment).</summary>
    public string Symbol => string.Join(",", Segments.Select(s => s.Symbol).Distinct(StringComparer.Ordinal));

    /// <summary>What was replayed.</summary>
    public string Description { get; }

    /// <summary>Decisions of symbols not followed, left out.</summary>
    public long OtherSymbolDecisions { get; }

    /// <summary>Accepted decisions over every segment.</summary>
    public long Decisions => Segments.Sum(s => (long)s.Builder.Decisions.Count);

    /// <summary>Decisions left out because the book was not synced, over every segment.</summary>
    public long Unsynced => Segments.Sum(s => s.Builder.Unsynced);

    /// <summary>Rows left out for a non-finite feature, over every segment.</summary>
    public long NonFiniteRows => Segments.Sum(s => s.Builder.NonFiniteRows);

    /// <summary>Damage found in the recordings read (zeros for the simulator).</summary>
    public InputDamage InputDamage { get; }

    /// <summary>Labels <see cref="Samples"/> at each horizon, each segment against its own mid path.</summary>
    public LabeledDataset Label(IReadOnlyList<TimeSpan> horizons, MoveThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        if (Segments.Count == 1) return new LabeledDataset(Samples, Segments[0].Builder.Decisions, horizons, threshold);
        var parts = Segments.Select(s => new LabeledDataset(s.Builder.Samples, s.Builder.Decisions, horizons, threshold)).ToList();
        var labels = new List<HorizonLabels>();
        for (int h = 0; h < horizons.Count; h++)
        {
            var classes = new List<int>();
            var forward = new List<float>();
            var forwardBps = new List<float>();
            var ends = new List<long>();
            var persistence = new List<int>();
            for (int k = 0; k < parts.Count; k++)
            {
                var l = parts[k].Horizons[h];
                classes.AddRange(l.Classes);
                forward.AddRange(l.ForwardTicks);
                forwardBps.AddRange(l.ForwardBps);
                ends.AddRange(l.EndTimesNs.Select(e => e + Segments[k].OffsetNs));
                persistence.AddRange(l.Persistence);
            }
            labels.Add(new HorizonLabels(parts[0].Horizons[h].HorizonNs, [.. classes], [.. forward], [.. ends], [.. persistence], [.. forwardBps]));
        }
        return new LabeledDataset(Samples, labels, threshold);
    }

    /// <summary>
    /// Replays <paramref name="files"/> (none = the simulator with <paramref name="simulator"/>) through an engine with
    /// <paramref name="features"/> (null = the defaults). <paramref name="market"/> is the market of recordings that do
    /// not state theirs (null = spot); a recording stating another is refused. <paramref name="symbol"/>: null = the
    /// first symbol that decides in each input; names (comma-separated) = those symbols; <c>all</c> = every symbol.
    /// <paramref name="regimeObserver"/>, when given, sees the first input's regime inputs (training's fitting pass); <paramref name="cancel"/>
    /// stops the replay at the next decision (<see cref="OperationCanceledException"/>). <paramref name="untilNs"/> (exchange
    /// time, ns since the epoch; 0 = none) ends the data: decisions at or after it are neither samples nor on the mid path
    /// labels read, so no label looks past it (a sample closer to it than a horizon is unlabelled) and a model trained on
    /// the dataset has seen nothing of a span reported from that time on (<c>risk.entriesFromNs</c>).
    /// </summary>
    public static ReplayDataset Build(IReadOnlyList<string> files, SimulatorOptions simulator, long sampleIntervalNs,
        string? symbol = null, ReplayMarket? market = null, Action<string>? log = null,
        FeatureEngineOptions? features = null, IRegimeObserver? regimeObserver = null, CancellationToken cancel = default,
        long untilNs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(untilNs);
        features ??= FeatureEngineOptions.Default;
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(simulator);
        var wanted = ParseSymbols(symbol);
        var segments = new List<DatasetSegment>();
        var damage = new InputDamage();
        var descriptions = new List<string>();
        var seen = new List<string>();
        long others = 0, followed = 0, unsynced = 0, after = 0;
        FeatureSchema? schema = null;
        IReadOnlyList<DatasetInput?> inputs = files.Count > 0 ? [.. DatasetInput.Group(files, market)] : [(DatasetInput?)null];
        foreach (var input in inputs)
        {
            var m = input?.Market ?? market ?? ReplayMarket.Spot;
            var registry = new SymbolRegistry();
            // At replay's scales: at the generic 10^-8 a PEPEUSDT-like symbol's depth was rejected as damage, rows lost.
            using var source = input is not null
                ? KnownSymbolPrescan.OpenAtReplayScales(registry, input.Files, log ?? Console.Error.WriteLine, m.Venue)
                : new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(simulator, registry));
            using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Rule = m.Rule, Log = log, Features = features });
            if (segments.Count == 0 && descriptions.Count == 0) replay.Processor.Features.RegimeObserver = regimeObserver;
            schema ??= replay.Schema;
            var builders = new Dictionary<int, DatasetBuilder?>();
            var order = new List<int>();
            // L1 event formats (Lean quotes, Binance CSVs) carry no depth stream to sync, so their quote is the market
            // state (the feed says so, and the processor applies the rule the engine applies: DecisionInfo.Tradable);
            // frame recordings and event formats with depth count only once the depth book is synced.
            var feed = source.Feed(registry, m.Venue);
            bool quotesOnly = feed.QuoteIsMarketState;
            var result = replay.Run(feed, (in DecisionInfo info, ReadOnlySpan<float> row) =>
            {
                cancel.ThrowIfCancellationRequested(); // Ctrl+C of hft train: a field read per decision, off any live path
                if (!builders.TryGetValue(info.SymbolId, out var builder))
                {
                    bool follow = wanted is null ? order.Count == 0 : wanted.Count == 0 || wanted.Contains(registry[info.SymbolId].Name);
                    builder = follow ? new DatasetBuilder(replay.Schema.Count, sampleIntervalNs) : null;
                    builders[info.SymbolId] = builder;
                    if (follow) order.Add(info.SymbolId);
                }
                if (builder is null) { others++; return; }
                followed++;
                if (untilNs > 0 && info.ExchangeTimeNs >= untilNs) { after++; return; }
                if (!info.BookSynced && !quotesOnly) unsynced++;
                builder.Add(info.ExchangeTimeNs, info.MidTicks, info.Tradable, row);
            });
            foreach (var id in order) segments.Add(new DatasetSegment(input, registry[id].Name, id, builders[id]!));
            seen.AddRange(registry.All.Select(x => x.Name));
            var d = InputDamage.Of(source);
            d.AddRejectedFrames(result.Parse);
            damage.Add(d);
            descriptions.Add(input is null ? $"built-in {source.Description}"
                : inputs.Count == 1 ? source.Description : $"{source.Description} [{input.MarketName ?? "events"}]");
        }
        string description = string.Join(" + ", descriptions);
        if (segments.Count == 0)
            throw new InvalidDataException(symbol is null ? $"no decision came out of {description}"
                : $"symbol '{symbol}' made no decision in {description} (symbols: {string.Join(", ", seen.Distinct())})");
        return new ReplayDataset(segments, schema!, description, others, features, damage) { FollowedDecisions = followed, UnsyncedDecisions = unsynced, DecisionsAfterUntil = after };
    }

    // null = the first symbol per input; empty = every symbol; else the names given.
    private static HashSet<string>? ParseSymbols(string? symbol)
    {
        if (symbol is null) return null;
        var names = symbol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException("--symbol needs a symbol name, a comma-separated list or 'all'");
        return names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase))
            ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }

    private static FeatureMatrix Concat(IReadOnlyList<DatasetSegment> segments, int width)
    {
        var m = new FeatureMatrix(width, Math.Max(16, segments.Sum(s => s.Builder.Samples.Rows)));
        foreach (var s in segments)
        {
            var rows = s.Builder.Samples;
            for (int i = 0; i < rows.Rows; i++) m.Add(rows.Row(i), rows.TimesNs[i] + s.OffsetNs, rows.MidTicks[i]);
        }
        return m;
    }
}
