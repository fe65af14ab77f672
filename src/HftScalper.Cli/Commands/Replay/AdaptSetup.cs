using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Online;
using HftScalper.Training.Adaptation;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// <c>--adapt</c> of <c>hft replay</c> (and <c>hft run</c>): the adaptation loop's options, its models folder (the
/// starting model promoted into a fresh folder whose registry keeps every candidate, promotion and rollback), and the
/// <c>adaptation</c> object of <c>--json</c>.
/// </summary>
internal sealed class AdaptSetup
{
    private readonly Option<bool> _adapt = new("--adapt") { Description = "Adapt the model: on a loss-drift alarm (and on schedule / on demand) retrain a candidate on the recent window in the background, score it in shadow, promote it by the paired-test rule, roll back a promotion that fails probation" };
    private readonly Option<string?> _dir = new("--adapt-dir") { Description = "Models folder of --adapt (must be new or empty; default: a fresh temporary folder)" };
    private readonly Option<string?> _every = new("--retrain-every") { Description = "--adapt: also retrain on this schedule of exchange time (e.g. 30m)" };
    private readonly Option<string?> _at = new("--retrain-at") { Description = "--adapt: retrain on demand at these exchange-time minutes from the first event (comma-separated)" };
    private readonly Option<double> _delay = new("--retrain-delay") { Description = "--adapt: exchange-time seconds from a retrain's trigger to its candidate entering the shadow (replay waits for the trainer there)", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _window = new("--retrain-window") { Description = "--adapt: seconds of recent data a candidate is trained on", DefaultValueFactory = _ => 300 };
    private readonly Option<double?> _changeAt = new("--change-at") { Description = "--adapt: exchange-time minute of a known market change (splits the accuracy windows; default --switch-at, else the first alarm)" };
    private readonly Option<double> _driftBlock = new("--drift-block") { Description = "--adapt: seconds per block of the loss-drift test (0 = five horizons, at least 10 s)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _driftReference = new("--drift-reference") { Description = "--adapt: reference blocks of the loss-drift test", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _driftThreshold = new("--drift-threshold") { Description = "--adapt: alarm level h of the loss-drift test, in reference spreads", DefaultValueFactory = _ => 15 };
    private readonly Option<long> _minBlocks = new("--promote-min-blocks") { Description = "--adapt: blocks of shadow outcomes the promotion rule needs", DefaultValueFactory = _ => 20 };
    private readonly Option<long> _minResolved = new("--promote-min-resolved") { Description = "--adapt: resolved shadow outcomes the promotion rule needs", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _maxRows = new("--retrain-max-rows") { Description = "--adapt: most sampled rows the training window keeps (the memory cap of a retrain; one row every 100 ms of exchange time)", DefaultValueFactory = _ => 20_000 };
    private readonly Option<int> _minSamples = new("--retrain-min-samples") { Description = "--adapt: fewest samples a retrain needs (fewer: skipped and counted)", DefaultValueFactory = _ => 300 };
    private readonly Option<int> _nice = new("--retrain-nice") { Description = "--adapt: Linux nice value of the hft-adapt worker thread (0..19; 19 = the lowest priority; raising it needs no privilege)", DefaultValueFactory = _ => 19 };
    private readonly Option<double> _ab = new("--adapt-ab") { Description = "--adapt: A/B, the fraction (0..1) of symbols or decisions the shadow candidate serves while it is in shadow (0 = none: it only shadows); deterministic", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _abSplit = new("--adapt-ab-split") { Description = "--adapt-ab: what is routed, 'symbol' (a symbol stays in one arm) or 'decision' (hash of each decision's exchange time and symbol)", DefaultValueFactory = _ => "symbol" };
    private readonly Option<long> _abSeed = new("--adapt-ab-seed") { Description = "--adapt-ab: seed of the routing hash", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _perSymbol = new("--adapt-per-symbol") { Description = "--adapt: give each of up to N symbols its own model, starting from the shared one and graduating to its own retrained model only when that beats the one serving it on the symbol's decisions (paired-test rule); one loop per symbol, rolled back independently (0 = one model for all)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _transferBelow = new("--transfer-below") { Description = "--adapt-per-symbol: a symbol whose window holds fewer than N samples retrains with transfer from the others (--transfer: by default on them plus the other symbols' recent samples, or as a warm start of the shared model; its candidate must still beat the model serving it on its own decisions; 0 = never)", DefaultValueFactory = _ => 0 };
    private readonly Option<long> _probation = new("--probation") { Description = "--adapt: resolved outcomes of a promotion's probation (0 = none)", DefaultValueFactory = _ => 5000 };

    /// <summary>Every option, to add to a verb.</summary>
    private readonly Option<string> _transfer = new("--transfer") { Description = "--transfer-below: how a thin symbol learns from the others: pool (default: its samples plus the other symbols' recent samples, trained from scratch) or warm-start (the shared model it starts from, fine-tuned on its own samples: the shared trees plus trees fitted to its residuals)", DefaultValueFactory = _ => "pool" };
    public IEnumerable<Option> All => [_adapt, _dir, _every, _at, _delay, _window, _changeAt, _driftBlock, _driftReference, _driftThreshold, _minBlocks, _minResolved, _probation, _maxRows, _minSamples, _nice, _ab, _abSplit, _abSeed, _perSymbol, _transferBelow, _transfer];

    /// <summary>The parsed settings, or null without <c>--adapt</c>.</summary>
    public AdaptArgs? Parse(ParseResult parse)
    {
        if (!parse.GetValue(_adapt)) return null;
        if (!Training.TrainingFeature.IsSupported) throw Training.TrainingFeature.NotInThisBuild("--adapt");
        int maxRows = parse.GetValue(_maxRows), minSamples = parse.GetValue(_minSamples), nice = parse.GetValue(_nice);
        Core.Settings.SettingRange.Check("--retrain-nice", nice, 0, 19);
        double ab = parse.GetValue(_ab);
        if (!(ab >= 0 && ab <= 1)) throw new ArgumentException($"--adapt-ab {ab} is outside 0..1");
        string split = parse.GetValue(_abSplit) ?? "symbol";
        var abSplit = split.ToLowerInvariant() switch
        {
            "symbol" => AbSplit.Symbol,
            "decision" => AbSplit.Decision,
            _ => throw new ArgumentException($"--adapt-ab-split '{split}': expected 'symbol' or 'decision'"),
        };
        int perSymbol = parse.GetValue(_perSymbol);
        Core.Settings.SettingRange.Check("--adapt-per-symbol", perSymbol, 0, 64);
        int transferBelow = parse.GetValue(_transferBelow);
        Core.Settings.SettingRange.Check("--transfer-below", transferBelow, 0, 10_000_000);
        if (transferBelow > 0 && perSymbol == 0) throw new ArgumentException("--transfer-below pools other symbols' samples: it needs --adapt-per-symbol");
        var transfer = parse.GetValue(_transfer) switch
        {
            "pool" => Training.Adaptation.TransferMode.Pool,
            "warm-start" => Training.Adaptation.TransferMode.WarmStart,
            var t => throw new ArgumentException($"--transfer '{t}': expected 'pool' or 'warm-start'"),
        };
        if (transfer == Training.Adaptation.TransferMode.WarmStart && transferBelow == 0)
            throw new ArgumentException("--transfer warm-start says how a symbol below --transfer-below learns from the shared model: give --transfer-below N");
        if (perSymbol > 0 && ab > 0) throw new ArgumentException("--adapt-per-symbol scores each symbol's candidate in its own shadow: it excludes --adapt-ab");
        Core.Settings.SettingRange.Check("--retrain-max-rows", maxRows, 16, 10_000_000);
        Core.Settings.SettingRange.Check("--retrain-min-samples", minSamples, 1, 10_000_000);
        var at = (parse.GetValue(_at) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new AdaptArgs(parse.GetValue(_dir), RecordCommand.ParseDuration(parse.GetValue(_every)), at, parse.GetValue(_delay), parse.GetValue(_window),
            parse.GetValue(_changeAt), parse.GetValue(_driftBlock), parse.GetValue(_driftReference), parse.GetValue(_driftThreshold),
            parse.GetValue(_minBlocks), parse.GetValue(_minResolved), parse.GetValue(_probation))
        {
            MaxRows = maxRows,
            MinSamples = minSamples,
            WorkerNice = nice,
            PerSymbol = perSymbol,
            TransferBelow = transferBelow,
            Transfer = transfer,
            Ab = ab > 0 ? new AbRouter(ab, abSplit, unchecked((ulong)parse.GetValue(_abSeed))) : null,
        };
    }

    /// <summary>The pipeline's model source: the lifecycle's live model, or with <c>--adapt-ab</c> the A/B source that
    /// also serves the shadow candidate on the rows routed to it.</summary>
    public static IDecisionModelSource Models(AdaptArgs a, ModelLifecycle lifecycle) =>
        a.Ab is { } router ? AbModelSource.ForLifecycle(lifecycle, router) : new HostedModelSource(lifecycle.Host);

    /// <summary>
    /// A lifecycle over a fresh models folder serving <paramref name="model"/> (copied in and promoted), whose drops
    /// become shadow candidates promoted by the paired-test rule, with probation. Nothing watches the folder: only the
    /// loop puts candidates there.
    /// </summary>
    public static ModelLifecycle Lifecycle(AdaptArgs a, string model, CanaryRows? canary, ILoggerFactory logs, out string name)
    {
        string dir = a.Directory ?? Path.Combine(Path.GetTempPath(), "hft-adapt-" + Guid.NewGuid().ToString("N")[..12]);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new ArgumentException($"--adapt-dir {dir} is not empty: the loop needs a fresh models folder");
        Directory.CreateDirectory(dir);
        var lifecycle = StartIn(a, dir, model, "start-", "adapt start", canary, logs.CreateLogger("hft.adapt"));
        var m = lifecycle.Host.Current!;
        name = $"{m.Metadata.Name} v{m.Metadata.Version} ({Path.GetFileName(model)}, adapting in {dir})";
        return lifecycle;
    }

    /// <summary>A lifecycle over <paramref name="dir"/> (created) serving <paramref name="model"/>, copied in as
    /// <paramref name="prefix"/> + its name and promoted with <paramref name="note"/>.</summary>
    internal static ModelLifecycle StartIn(AdaptArgs a, string dir, string model, string prefix, string note, CanaryRows? canary, ILogger logger)
    {
        Directory.CreateDirectory(dir);
        string start = Path.Combine(dir, prefix + Path.GetFileName(model));
        File.Copy(model, start);
        var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions
        {
            Directory = dir,
            OnDrop = DropAction.Shadow,
            AutoPromote = new ShadowPromotionRule(MinResolved: a.PromoteMinResolved, MinBlocks: a.PromoteMinBlocks),
            ProbationResolved = a.Probation,
            // A replay must not depend on how fast the machine is: the latency budget only refuses a broken model here.
            Validation = new ModelValidationOptions { LatencyBudget = TimeSpan.FromSeconds(1) },
        }, logger, canary);
        var report = lifecycle.Validator.Validate(start, [], out var session);
        session?.Dispose();
        if (!report.Passed) throw new InvalidDataException($"--adapt: the starting model was refused: {report.Message}");
        lifecycle.Registry.Promote(start, report.Sha256, report.Metadata!, note);
        if (!lifecycle.LoadPromoted()) throw new InvalidDataException($"--adapt: the starting model {start} could not be loaded");
        return lifecycle;
    }

    /// <summary>The loop for the served model (its horizon, threshold and feature profile); <paramref name="replay"/>: wait for trainers at their due time.</summary>
    public static AdaptationLoop Loop(AdaptArgs a, ModelLifecycle lifecycle, double? switchAtMinutes, bool replay, ILoggerFactory logs) =>
        new(lifecycle, FeatureEngine.DefaultSchema, Options(a, lifecycle, switchAtMinutes, replay), logs.CreateLogger("hft.adapt"));

    /// <summary>The loop's settings for the served model (its horizon, threshold and feature profile).</summary>
    internal static AdaptationOptions Options(AdaptArgs a, ModelLifecycle lifecycle, double? switchAtMinutes, bool replay)
    {
        var served = lifecycle.Host.Current ?? throw new InvalidOperationException("--adapt needs a served model");
        var contract = served.Session.Contract;
        static long Ns(double seconds) => (long)Math.Round(seconds * 1e9);
        double? change = a.ChangeAtMinutes ?? switchAtMinutes;
        return new AdaptationOptions
        {
            HorizonNs = (long)contract.Horizon.TotalNanoseconds,
            Threshold = contract.Threshold ?? new(0, false),
            Profile = served.Metadata.FeatureProfile,
            RetrainDelayNs = Ns(a.RetrainDelaySeconds),
            WindowNs = Ns(a.RetrainWindowSeconds),
            RetrainEveryNs = a.RetrainEvery is { } every ? every.Ticks * 100 : 0,
            RetrainAtNs = [.. a.RetrainAtMinutes.Select(m => Ns(m * 60))],
            ChangeAtNs = change is { } c ? Ns(c * 60) : null,
            DriftBlockNs = Ns(a.DriftBlockSeconds),
            DriftReferenceBlocks = a.DriftReference,
            DriftThreshold = a.DriftThreshold,
            WaitForTrainer = replay,
            MaxRows = a.MaxRows,
            MinSamples = a.MinSamples,
            WorkerNice = a.WorkerNice,
            TransferBelowRows = a.TransferBelow,
            Transfer = a.Transfer,
        };
    }

    /// <summary>The <c>adaptation</c> object of <c>--json</c>: exchange-time figures only, the same in every replay of the same input.</summary>
    /// <remarks>With <c>--adapt-ab</c> (<paramref name="models"/> an <see cref="AbModelSource"/>) it adds <c>ab</c>:
    /// <c>fraction</c>, <c>split</c>, <c>seed</c>, and the rows each arm served (<c>liveRows</c>, <c>candidateRows</c>).</remarks>
    /// <remarks>With <paramref name="pnl"/> (<see cref="AbArmPnl"/>) <c>ab</c> also has each arm's round trips and net PnL
    /// (<c>liveRoundTrips</c>, <c>candidateRoundTrips</c>, <c>livePnl</c>, <c>candidatePnl</c>: a round trip belongs to the
    /// arm that served the decision opening it) and <c>roundTripPnl</c>, the run's round trips' net PnL as the trade
    /// recorder tallies it (<paramref name="roundTripPnl"/>): the two arms sum to it.</remarks>
    public static JsonObject Json(AdaptationLoop loop, ModelLifecycle lifecycle, IDecisionModelSource? models = null, AbArmPnl? pnl = null, double roundTripPnl = double.NaN)
    {
        JsonObject Window(AccuracyWindow w) => new() { ["accuracy"] = Num(w.Accuracy), ["logLoss"] = Num(w.LogLoss), ["resolved"] = w.Resolved };
        var o = new JsonObject
        {
            ["driftAlarms"] = loop.DriftAlarms,
            ["firstAlarmSeconds"] = Num(loop.FirstAlarmSeconds),
            ["retrains"] = loop.Retrains,
            ["retrainsSkipped"] = loop.RetrainsSkipped,
            ["transferRetrains"] = loop.TransferRetrains,
            ["warmStartRetrains"] = loop.WarmStartRetrains,
            ["candidates"] = loop.Candidates,
            ["trainFailures"] = loop.TrainFailures,
            ["promotions"] = loop.Promotions,
            ["rollbacks"] = loop.Rollbacks,
            ["followSwitches"] = loop.FollowSwitches,
            ["accuracyBefore"] = Num(loop.BeforeChange.Accuracy),
            ["accuracyAfterChange"] = Num(loop.AfterChange.Accuracy),
            ["accuracyAfterPromotion"] = Num(loop.AfterPromotion.Accuracy),
            ["windows"] = new JsonObject
            {
                ["beforeChange"] = Window(loop.BeforeChange), ["afterChange"] = Window(loop.AfterChange), ["afterPromotion"] = Window(loop.AfterPromotion),
            },
            ["changeAtSeconds"] = loop.ChangeAtNs is { } c ? Math.Round(c / 1e9, 3) : null,
            ["changeSource"] = loop.ChangeSource,
            ["promotedAtSeconds"] = loop.PromotedAfterChangeNs is { } p ? Math.Round(p / 1e9, 3) : null,
            ["live"] = lifecycle.Host.Current is { } m ? $"{m.Metadata.Name} ({Path.GetFileName(m.SourcePath)})" : null,
            ["events"] = new JsonArray([.. loop.Events.Select(e => (JsonNode)new JsonObject { ["kind"] = e.Kind, ["seconds"] = e.Seconds, ["detail"] = e.Detail })]),
            ["timeline"] = new JsonArray([.. loop.Timeline.Select(b => (JsonNode)new JsonObject
            {
                ["seconds"] = b.StartNs / 1e9, ["accuracy"] = Num(b.Window.Accuracy), ["resolved"] = b.Window.Resolved,
            })]),
        };
        if (models is AbModelSource ab)
            o["ab"] = new JsonObject
            {
                ["fraction"] = ab.Router.Fraction,
                ["split"] = ab.Router.Split == AbSplit.Symbol ? "symbol" : "decision",
                ["seed"] = ab.Router.Seed,
                ["liveRows"] = ab.LiveRows,
                ["candidateRows"] = ab.CandidateRows,
            };
        if (o["ab"] is JsonObject arms && pnl is not null)
        {
            arms["liveRoundTrips"] = pnl.LiveRoundTrips;
            arms["candidateRoundTrips"] = pnl.CandidateRoundTrips;
            arms["livePnl"] = Num(pnl.LiveNetPnl);
            arms["candidatePnl"] = Num(pnl.CandidateNetPnl);
            arms["roundTripPnl"] = Num(roundTripPnl);
        }
        return o;
    }

    /// <summary>The <c>adaptationCost</c> object: what the loop cost on this machine (wall clock; varies between runs).</summary>
    public static JsonObject Cost(AdaptationLoop loop, ModelLifecycle lifecycle) => new()
    {
        ["trainSeconds"] = Math.Round(loop.TrainSeconds, 3),
        ["waitedForTrainerMs"] = Math.Round(loop.WaitedMs, 1),
        ["retrainRequests"] = loop.RetrainRequests,
        ["workerErrors"] = loop.WorkerErrors,
        ["workerNice"] = loop.WorkerNice,
        ["workerPriorityNote"] = loop.WorkerPriorityNote,
        ["workerAllocatedBytesMax"] = loop.WorkerMaxJobAllocatedBytes,
        ["windowRowsMax"] = loop.WindowRowCap,
        ["modelsDir"] = lifecycle.Registry.Directory,
        ["registryHistory"] = lifecycle.Registry.Read().History.Count,
    };

    /// <summary>The report's adaptation timeline (<see cref="HftScalper.Reporting.AdaptationTimeline"/>): the same exchange-time figures as <see cref="Json"/>.</summary>
    public static Reporting.AdaptationTimeline Timeline(AdaptationLoop loop) => new()
    {
        OriginNs = loop.OriginNs == long.MinValue ? 0 : loop.OriginNs,
        RunSeconds = loop.RunSeconds,
        WindowSeconds = loop.TimelineBucketSeconds,
        Points = [.. loop.Timeline.Select(b => new Reporting.AdaptationPoint(b.StartNs / 1e9, b.Window.Accuracy, b.Window.Resolved))],
        Marks = [.. loop.Events.Select(e => new Reporting.AdaptationMark(e.Kind, e.Seconds, e.Detail))],
        ChangeAtSeconds = loop.ChangeAtNs is { } c ? c / 1e9 : null,
        ChangeSource = loop.ChangeSource,
    };

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
