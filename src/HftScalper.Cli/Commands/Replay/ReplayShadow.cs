using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The shadow candidate of <c>hft replay</c>: a file given with <c>--shadow</c> (validated like a drop: schema,
/// down/flat/up classes, finite outputs, latency budget) or the candidate the models folder's manifest names
/// (<c>hft models promote --shadow</c>). Scored at the live model's horizon and labelling threshold; the default
/// <see cref="ShadowPromotionRule"/> is reported when it holds (promotion itself stays manual: <c>hft models promote</c>).
/// </summary>
internal sealed class ReplayShadow : IDisposable
{
    private readonly ShadowScorer? _owned;

    private ReplayShadow(ShadowOptions options, ShadowScorer? owned)
    {
        Options = options;
        _owned = owned;
    }

    /// <summary>What the pipeline's shadow stage runs with.</summary>
    public ShadowOptions Options { get; }

    /// <summary>
    /// The shadow of this run (rows computed with <paramref name="features"/>): <paramref name="file"/> when given, else the lifecycle's candidate when one is loaded,
    /// else null. Throws <see cref="InvalidDataException"/> when the file is refused.
    /// </summary>
    public static ReplayShadow? Open(string? file, ModelLifecycle? lifecycle, PredictionRecorderOptions scoring, FeatureEngineOptions? features, ILoggerFactory logs, ILogger log)
    {
        long horizon = scoring.HorizonsNs[scoring.PrimaryHorizon];
        ShadowOptions With(ShadowScorer scorer, string name) => new()
        {
            Scorer = scorer, HorizonNs = horizon, ThresholdTicks = scoring.ThresholdTicks, ThresholdBps = scoring.ThresholdBps,
            Rule = new ShadowPromotionRule(), MaxSymbols = scoring.MaxSymbols, CandidateName = name,
        };
        if (file is null)
        {
            if (lifecycle?.Shadow.Candidate.Current is not { } cand) return null;
            log.LogInformation("Shadow candidate from the models folder: {Model} v{Version} ({File})", cand.Metadata.Name, cand.Metadata.Version, Path.GetFileName(cand.SourcePath));
            return new ReplayShadow(With(lifecycle.Shadow, Describe(cand)), null);
        }
        if (!File.Exists(file)) throw new FileNotFoundException($"shadow model not found: {file}", file);
        var logger = logs.CreateLogger("hft.shadow");
        // The candidate sees the rows of the engine this run built, so it must have been trained on the same fitted profile.
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, new ServingOptions(), new ModelValidationOptions(), logger)
        {
            EngineFeatureProfile = Features.Regime.FeatureProfile.Of(features ?? FeatureEngineOptions.Default),
        };
        var report = validator.Validate(file, [], out var session);
        if (session is null) throw new InvalidDataException($"shadow model refused ({report.Rejection}): {report.Message}");
        var scorer = new ShadowScorer(logger, pendingCapacity: 1 << 16, blockNs: OutcomeBlocks.DurationFor(horizon));
        var served = new ServedModel(session, Path.GetFullPath(file), report.Sha256);
        scorer.SetCandidate(served);
        log.LogInformation("Shadow candidate {Name}: {Message}", Describe(served), report.Message);
        return new ReplayShadow(With(scorer, Describe(served)), scorer);
    }

    /// <summary>The shadow of an adapting run (<c>--adapt</c>): the lifecycle's scorer, empty until the loop's first
    /// candidate; the lifecycle's own rule promotes (none is reported here).</summary>
    public static ReplayShadow ForLifecycle(ModelLifecycle lifecycle, PredictionRecorderOptions scoring) => new(new ShadowOptions
    {
        Scorer = lifecycle.Shadow, HorizonNs = scoring.HorizonsNs[scoring.PrimaryHorizon], ThresholdTicks = scoring.ThresholdTicks,
        ThresholdBps = scoring.ThresholdBps, MaxSymbols = scoring.MaxSymbols, CandidateName = "adaptive candidates (--adapt)",
    }, null);

    /// <summary>The <c>shadow</c> object of <c>--json</c>: live vs candidate figures, predictions, promotable.</summary>
    public static JsonObject Json(ShadowReport r)
    {
        var s = r.Stats;
        var c = r.Calibration;
        return new JsonObject
        {
            ["candidate"] = r.Candidate,
            ["horizonSeconds"] = r.HorizonSeconds,
            ["offered"] = r.Offered,
            ["predictions"] = s.Observed,
            ["skipped"] = r.Skipped,
            ["agreements"] = s.Agreements,
            ["agreementRate"] = Num(s.AgreementRate),
            ["resolved"] = s.Resolved,
            ["unresolved"] = r.Unresolved,
            ["lostOutcomes"] = r.LostOutcomes,
            ["live"] = new JsonObject
            {
                ["accuracy"] = Num(s.LiveAccuracy), ["logLoss"] = Num(s.LiveMeanLogLoss),
                ["brier"] = Num(c.LiveBrier), ["calibrationError"] = Num(c.LiveExpectedCalibrationError),
            },
            ["shadow"] = new JsonObject
            {
                ["accuracy"] = Num(s.CandidateAccuracy), ["logLoss"] = Num(s.CandidateMeanLogLoss),
                ["brier"] = Num(c.CandidateBrier), ["calibrationError"] = Num(c.CandidateExpectedCalibrationError),
            },
            ["rule"] = r.Rule is { } rule
                ? new JsonObject
                {
                    ["minResolved"] = rule.MinResolved, ["minAccuracyGain"] = rule.MinAccuracyGain, ["maxLogLossIncrease"] = rule.MaxLogLossIncrease,
                    ["alpha"] = rule.Alpha, ["minBlocks"] = rule.MinBlocks,
                }
                : null,
            ["pairedTests"] = new JsonObject
            {
                ["blocks"] = s.AccuracyTest.Blocks,
                ["accuracyGain"] = Num(s.AccuracyTest.MeanDifference), ["accuracyT"] = Num(s.AccuracyTest.T), ["accuracyPBetter"] = Num(s.AccuracyTest.PValueBetter),
                ["logLossGain"] = Num(s.LogLossTest.MeanDifference), ["logLossT"] = Num(s.LogLossTest.T), ["logLossPBetter"] = Num(s.LogLossTest.PValueBetter),
            },
            ["promotable"] = r.Promotable,
            ["ruleFiredAtDecision"] = r.RuleFiredAtDecision >= 0 ? r.RuleFiredAtDecision : null,
            ["ruleFiredAt"] = r.RuleFiredAtDecision >= 0 ? DateTimeOffset.FromUnixTimeMilliseconds(r.RuleFiredAtExchangeTimeNs / 1_000_000).ToString("O", CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>One line for the text summary.</summary>
    public static string Text(ShadowReport r)
    {
        var s = r.Stats;
        string verdict = r.Promotable ? "promotable by rule (hft models promote)"
            : r.RuleFiredAtDecision >= 0 ? FormattableString.Invariant($"rule held at decision {r.RuleFiredAtDecision}, not at the end") : "rule not met";
        return FormattableString.Invariant($"shadow {r.Candidate}: {s.Observed} predictions, agreement {s.AgreementRate:P1}, {s.Resolved} resolved at {r.HorizonSeconds:0.#} s: ")
            + FormattableString.Invariant($"accuracy live {s.LiveAccuracy:P2} vs shadow {s.CandidateAccuracy:P2}, log-loss {s.LiveMeanLogLoss:F4} vs {s.CandidateMeanLogLoss:F4}, ")
            + FormattableString.Invariant($"calibration error {r.Calibration.LiveExpectedCalibrationError:F4} vs {r.Calibration.CandidateExpectedCalibrationError:F4}, ")
            + FormattableString.Invariant($"p(shadow better) accuracy {s.AccuracyTest.PValueBetter:G3} log-loss {s.LogLossTest.PValueBetter:G3} over {s.AccuracyTest.Blocks} blocks; {verdict}");
    }

    /// <summary>Disposes a candidate loaded from <c>--shadow</c> (a lifecycle's candidate stays with the lifecycle).</summary>
    public void Dispose() => _owned?.Dispose();

    private static string Describe(ServedModel m) => $"{m.Metadata.Name} v{m.Metadata.Version} ({Path.GetFileName(m.SourcePath)})";

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
