using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Training.Adaptation;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// <c>--adapt --adapt-per-symbol N</c>: the shared model's lifecycle serves every symbol until the symbol's first synced
/// decision, then the symbol's own lifecycle (<c>ADAPT_DIR/symbols/NAME/</c>, its registry mapping the symbol to its
/// model) serves it, starting from the same shared model, and graduates by the paired-test rule
/// (<see cref="SymbolAdaptation"/>). Its <c>adaptation</c> JSON has the single-model keys summed over symbols (the
/// first alarm the earliest; accuracy windows pooled) and <c>symbols</c>, one object per symbol with the same keys
/// plus <c>symbol</c>, <c>graduated</c> and <c>startSeconds</c>.
/// </summary>
internal static class AdaptPerSymbol
{
    /// <summary>The model source and the follower of a per-symbol adapting run over <paramref name="shared"/>'s model.</summary>
    public static (SymbolHostModelSource Models, SymbolAdaptation Adaptation) Open(AdaptArgs a, ModelLifecycle shared, SymbolRegistry registry,
        double? switchAtMinutes, bool replay, CanaryRows? canary, ILoggerFactory logs)
    {
        var start = shared.Host.Current ?? throw new InvalidOperationException("--adapt needs a served model");
        if (!SymbolHostModelSource.CanServe(start.Session))
            throw new ArgumentException("--adapt-per-symbol retrains tabular models: the starting model is a sequence model");
        var models = new SymbolHostModelSource(shared.Host, Math.Min(registry.MaxSymbols, 4096));
        var logger = logs.CreateLogger("hft.adapt");
        string root = Path.Combine(shared.Registry.Directory, "symbols");
        ModelLifecycle Open(int id, string name)
        {
            var lifecycle = AdaptSetup.StartIn(a, Path.Combine(root, Safe(name)), start.SourcePath, "shared-", $"{name} starts from the shared model", canary, logger);
            lifecycle.Validator.EngineFeatureProfile = shared.Validator.EngineFeatureProfile;
            return lifecycle;
        }
        string? NameOf(int id) => id < registry.Count ? registry[id].Name : null;
        var options = AdaptSetup.Options(a, shared, switchAtMinutes, replay);
        return (models, new SymbolAdaptation(NameOf, Open, models, FeatureEngine.DefaultSchema, options, logger, a.PerSymbol));
    }

    /// <summary>The <c>adaptation</c> object (exchange-time figures only: the same in every replay of the same input).</summary>
    public static JsonObject Json(SymbolAdaptation adaptation, ModelLifecycle shared)
    {
        var symbols = adaptation.Symbols;
        var per = new JsonArray();
        foreach (var s in symbols)
        {
            var o = AdaptSetup.Json(s.Loop, s.Lifecycle);
            o["symbol"] = s.Name;
            o["graduated"] = s.Graduated;
            o["startSeconds"] = s.StartSeconds;
            o["registry"] = Path.GetRelativePath(shared.Registry.Directory, s.Lifecycle.Registry.Directory);
            per.Add((JsonNode)o);
        }
        long Sum(Func<AdaptationLoop, long> f) => symbols.Sum(s => f(s.Loop));
        AccuracyWindow Pool(Func<AdaptationLoop, AccuracyWindow> f)
        {
            var w = new AccuracyWindow();
            foreach (var s in symbols) w.Add(f(s.Loop));
            return w;
        }
        var alarms = symbols.Select(s => s.Loop.FirstAlarmSeconds).Where(double.IsFinite).ToList();
        var before = Pool(l => l.BeforeChange);
        var afterChange = Pool(l => l.AfterChange);
        var afterPromotion = Pool(l => l.AfterPromotion);
        JsonObject Window(AccuracyWindow w) => new() { ["accuracy"] = Num(w.Accuracy), ["logLoss"] = Num(w.LogLoss), ["resolved"] = w.Resolved };
        return new JsonObject
        {
            ["perSymbol"] = true,
            ["driftAlarms"] = Sum(l => l.DriftAlarms),
            ["firstAlarmSeconds"] = alarms.Count > 0 ? alarms.Min() : null,
            ["retrains"] = Sum(l => l.Retrains),
            ["retrainsSkipped"] = Sum(l => l.RetrainsSkipped),
            ["transferRetrains"] = Sum(l => l.TransferRetrains),
            ["warmStartRetrains"] = Sum(l => l.WarmStartRetrains),
            ["candidates"] = Sum(l => l.Candidates),
            ["trainFailures"] = Sum(l => l.TrainFailures),
            ["promotions"] = Sum(l => l.Promotions),
            ["rollbacks"] = Sum(l => l.Rollbacks),
            ["graduated"] = symbols.Count(s => s.Graduated),
            ["symbolsRefused"] = adaptation.SymbolsRefused,
            ["accuracyBefore"] = Num(before.Accuracy),
            ["accuracyAfterChange"] = Num(afterChange.Accuracy),
            ["accuracyAfterPromotion"] = Num(afterPromotion.Accuracy),
            ["windows"] = new JsonObject
            {
                ["beforeChange"] = Window(before), ["afterChange"] = Window(afterChange), ["afterPromotion"] = Window(afterPromotion),
            },
            ["live"] = shared.Host.Current is { } m ? $"{m.Metadata.Name} ({Path.GetFileName(m.SourcePath)}) for symbols without their own" : null,
            ["symbols"] = per,
        };
    }

    /// <summary>The <c>adaptationCost</c> object: the shared worker's figures (wall clock; varies between runs).</summary>
    public static JsonObject Cost(SymbolAdaptation adaptation, ModelLifecycle shared) => new()
    {
        ["trainSeconds"] = Math.Round(adaptation.Symbols.Sum(s => s.Loop.TrainSeconds), 3),
        ["waitedForTrainerMs"] = Math.Round(adaptation.Symbols.Sum(s => s.Loop.WaitedMs), 1),
        ["workerErrors"] = adaptation.Worker.Errors,
        ["workerNice"] = adaptation.Worker.Nice,
        ["workerPriorityNote"] = adaptation.Worker.PriorityNote,
        ["workerAllocatedBytesMax"] = adaptation.Worker.MaxJobAllocatedBytes,
        ["modelsDir"] = shared.Registry.Directory,
        ["registryHistory"] = adaptation.Symbols.Sum(s => s.Lifecycle.Registry.Read().History.Count),
    };

    /// <summary>The report's adaptation timeline over every symbol: accuracy pooled per window, each symbol's steps
    /// marked with its name (the same exchange-time figures as <see cref="Json"/>).</summary>
    public static Reporting.AdaptationTimeline? Timeline(SymbolAdaptation adaptation)
    {
        var symbols = adaptation.Symbols;
        if (symbols.Count == 0) return null;
        var first = symbols[0].Loop;
        var pooled = new SortedDictionary<long, AccuracyWindow>();
        foreach (var s in symbols)
            foreach (var (start, window) in s.Loop.Timeline)
            {
                if (!pooled.TryGetValue(start, out var w)) pooled[start] = w = new AccuracyWindow();
                w.Add(window);
            }
        return new Reporting.AdaptationTimeline
        {
            OriginNs = first.OriginNs == long.MinValue ? 0 : first.OriginNs,
            RunSeconds = symbols.Max(s => s.Loop.RunSeconds),
            WindowSeconds = first.TimelineBucketSeconds,
            Points = [.. pooled.Select(p => new Reporting.AdaptationPoint(p.Key / 1e9, p.Value.Accuracy, p.Value.Resolved))],
            Marks = [.. symbols.SelectMany(s => s.Loop.Events.Select(e => new Reporting.AdaptationMark(e.Kind, e.Seconds, $"{s.Name}: {e.Detail}")))
                .OrderBy(m => m.Seconds)],
            ChangeAtSeconds = first.ChangeSource == "given" && first.ChangeAtNs is { } c ? c / 1e9 : null,
            ChangeSource = first.ChangeSource == "given" ? "given" : null,
        };
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
