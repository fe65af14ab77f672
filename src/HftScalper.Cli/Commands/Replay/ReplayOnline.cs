using System.Text.Json.Nodes;
using HftScalper.Core.Settings;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Online;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Online;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// Online learning in <c>hft replay</c> (<c>--online</c> or config <c>online.enabled</c>): an FTRL-Proximal layer over
/// the feature row and the frozen model's log-probabilities, learnt from each decision's label one horizon later and
/// scored prequentially beside the frozen model at the model's horizon and labelling threshold. It drives decisions
/// only with <c>online.drive</c> (then the digest changes); otherwise decisions and digest are those of the frozen model.
/// </summary>
internal static class ReplayOnline
{
    /// <summary>The run's online options, or null when online learning is off. Throws <see cref="SettingException"/> on a bad <c>online</c> section.</summary>
    public static OnlineOptions? Open(bool flag, RunConfig? config, PredictionRecorderOptions scoring, bool hasModel, ILogger log, int featureWidth)
    {
        var section = config?.Online;
        if (!flag && section?.Enabled != true) return null;
        long horizon = scoring.HorizonsNs[scoring.PrimaryHorizon];
        OnlineLearnerOptions learner;
        try { learner = (section ?? new OnlineConfig()).Apply(new OnlineLearnerOptions { BlockNs = OutcomeBlocks.DurationFor(horizon), MaxSymbols = scoring.MaxSymbols }); }
        catch (SettingException e) { throw new SettingException(config is { Source.Length: > 0 } ? $"config {config.Source}: {e.Message}" : e.Message, e); }
        if (!hasModel) log.LogWarning("--online learns beside a direction model; with none every decision uses the fallback and nothing is learnt");
        bool drive = section?.Drive == true;
        log.LogInformation("Online learning: FTRL layer beside the frozen model, labels at {Horizon:0.#} s, {Mode}", horizon / 1e9,
            drive ? "DRIVING decisions" + (learner.Ab is { } ab ? FormattableString.Invariant($" for {ab.Fraction:P0} of {ab.Split.ToString().ToLowerInvariant()}s") : "") : "scored beside (decisions unchanged)");
        return new OnlineOptions
        {
            Learner = new OnlineLearner(featureWidth, DirectionContract.Count, learner),
            Drive = drive, HorizonNs = horizon, ThresholdTicks = scoring.ThresholdTicks, ThresholdBps = scoring.ThresholdBps, MaxSymbols = scoring.MaxSymbols,
        };
    }

    /// <summary>The <c>online</c> object of <c>--json</c>.</summary>
    public static JsonObject Json(OnlineReport r, OnlineLearnerOptions options, SymbolRegistry symbols)
    {
        var s = r.Stats;
        var o = new JsonObject
        {
            ["drive"] = r.Drive,
            ["horizonSeconds"] = r.HorizonSeconds,
            ["samples"] = s.Resolved,
            ["predicted"] = r.Predicted,
            ["learnt"] = r.Learnt,
            ["skipped"] = r.Skipped,
            ["unresolved"] = r.Unresolved,
            ["lostLabels"] = r.LostLabels,
            ["accuracy"] = Num(s.CandidateAccuracy),
            ["logLoss"] = Num(s.CandidateMeanLogLoss),
            ["frozenAccuracy"] = Num(s.LiveAccuracy),
            ["frozenLogLoss"] = Num(s.LiveMeanLogLoss),
            ["pairedTest"] = Paired(s.AccuracyTest, s.LogLossTest),
            ["realisedCounts"] = Counts(r.RealisedCounts),
            ["majorityBaseline"] = Num(Majority(r.RealisedCounts)),
            ["prequentialMajority"] = Num(Sum(r.RealisedCounts) == 0 ? double.NaN : (double)r.PrequentialMajorityCorrect / Sum(r.RealisedCounts)),
            ["settings"] = new JsonObject
            {
                ["alpha"] = options.Ftrl.Alpha, ["beta"] = options.Ftrl.Beta, ["l1"] = options.Ftrl.L1, ["l2"] = options.Ftrl.L2, ["clip"] = options.Clip,
                ["useFeatures"] = options.UseFeatures, ["learnSpacingMs"] = options.LearnSpacingNs / 1e6,
                ["perSymbol"] = options.PerSymbol, ["transferAfter"] = options.TransferAfter,
                ["graduationAlpha"] = options.GraduationAlpha, ["graduationMinBlocks"] = options.GraduationMinBlocks,
            },
        };
        if (options.PerSymbol)
        {
            var list = new JsonArray();
            foreach (var x in r.Symbols)
                list.Add((JsonNode)new JsonObject
                {
                    ["symbol"] = x.SymbolId < symbols.Count ? symbols[x.SymbolId].Name : x.SymbolId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["warmStartSamples"] = x.WarmStartSamples,
                    ["ownSamples"] = x.OwnSamples,
                    ["outcomes"] = x.Own.Resolved,
                    ["ownAccuracy"] = Num(x.Own.Accuracy), ["ownLogLoss"] = Num(x.Own.MeanLogLoss),
                    ["sharedAccuracy"] = Num(x.Shared.Accuracy), ["sharedLogLoss"] = Num(x.Shared.MeanLogLoss),
                    ["pairedTest"] = Paired(x.AccuracyTest, x.LogLossTest),
                    ["graduated"] = x.Graduated,
                    ["graduatedAtOutcome"] = x.Graduated ? x.GraduatedAtOutcome : null,
                });
            o["symbols"] = list;
        }
        return o;
    }

    /// <summary>The <c>ab</c> object of <c>--json</c> (null without an A/B split): each arm's decisions and the outcomes of what it served.</summary>
    public static JsonObject? AbJson(OnlineReport r)
    {
        if (r.Ab is not { } ab) return null;
        static JsonObject Arm(string model, long decisions, OutcomeTally t) => new()
        {
            ["model"] = model, ["decisions"] = decisions, ["resolved"] = t.Resolved, ["accuracy"] = Num(t.Accuracy), ["logLoss"] = Num(t.MeanLogLoss),
        };
        return new JsonObject
        {
            ["fraction"] = ab.Fraction,
            ["split"] = ab.Split.ToString().ToLowerInvariant(),
            ["seed"] = ab.Seed,
            ["live"] = Arm("frozen", r.LiveArmDecisions, r.LiveArm),
            ["candidate"] = Arm("online", r.CandidateArmDecisions, r.CandidateArm),
        };
    }

    /// <summary>One line for the text summary.</summary>
    public static string Text(OnlineReport r)
    {
        var s = r.Stats;
        return FormattableString.Invariant($"online ({(r.Drive ? "driving" : "beside")}): {s.Resolved} samples at {r.HorizonSeconds:0.#} s, accuracy {s.CandidateAccuracy:P2} vs frozen {s.LiveAccuracy:P2}, ")
            + FormattableString.Invariant($"majority {Majority(r.RealisedCounts):P2} (prequential {(Sum(r.RealisedCounts) == 0 ? double.NaN : (double)r.PrequentialMajorityCorrect / Sum(r.RealisedCounts)):P2}), ")
            + FormattableString.Invariant($"log-loss {s.CandidateMeanLogLoss:F4} vs {s.LiveMeanLogLoss:F4}, p(online better) accuracy {s.AccuracyTest.PValueBetter:G3} log-loss {s.LogLossTest.PValueBetter:G3} over {s.AccuracyTest.Blocks} blocks");
    }

    // down, flat, up: the scored labels per class (a direction model's canonical order).
    private static JsonObject Counts(IReadOnlyList<long> c)
    {
        string[] names = ["down", "flat", "up"];
        var o = new JsonObject();
        for (int k = 0; k < c.Count; k++) o[k < names.Length ? names[k] : $"class{k}"] = c[k];
        return o;
    }

    private static long Sum(IReadOnlyList<long> c)
    {
        long n = 0;
        foreach (long x in c) n += x;
        return n;
    }

    // The hindsight majority: the largest class share of what was scored.
    private static double Majority(IReadOnlyList<long> c)
    {
        long n = Sum(c), max = 0;
        foreach (long x in c) max = Math.Max(max, x);
        return n == 0 ? double.NaN : (double)max / n;
    }

    private static JsonObject Paired(PairedTestResult accuracy, PairedTestResult loss) => new()
    {
        ["blocks"] = accuracy.Blocks,
        ["accuracyGain"] = Num(accuracy.MeanDifference), ["accuracyT"] = Num(accuracy.T), ["accuracyPBetter"] = Num(accuracy.PValueBetter),
        ["logLossGain"] = Num(loss.MeanDifference), ["logLossT"] = Num(loss.T), ["logLossPBetter"] = Num(loss.PValueBetter),
    };

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
