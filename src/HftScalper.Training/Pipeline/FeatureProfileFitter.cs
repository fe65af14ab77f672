using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Features.Regime;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// Training's first pass: replays the training data through the feature engine with the default profile while a
/// <see cref="RegimeHistory"/> records the engine's own regime inputs (the 1-second returns the GARCH recursion runs
/// on, the events the activity rate counts), then fits GARCH(1,1) and the hourly baseline.
/// </summary>
/// <remarks>
/// No leakage into test folds: the fit uses only data before the first walk-forward test block (the first fold's
/// training part), so every test block's features come from parameters fitted on earlier data. Refitting per fold
/// would cost a replay per fold; fitting once on the first training part is the honest cheap choice. The final
/// model keeps that profile (serving must compute what it was validated on). With the purged k-fold and shuffled
/// schemes (leakage diagnostics) there is no "before every test block"; the fit then uses all the data.
/// </remarks>
public static class FeatureProfileFitter
{
    /// <summary>Fits on <paramref name="options"/>' data; returns the fit and a JSON description for the metadata.</summary>
    public static (RegimeFit Fit, JsonObject Description) Fit(TrainingJobOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var history = new RegimeHistory();
        var data = ReplayDataset.Build(options.Files, options.Simulator, options.SampleIntervalNs, options.Symbol, options.Market, log,
            regimeObserver: history, cancel: options.Cancellation, untilNs: options.UntilNs);
        long cut = CutNs(data, options);
        var fit = history.Fit(data.SymbolId, cut);
        log($"feature profile: {fit.Profile} (GARCH: {fit.GarchNote}; seasonality: {fit.SeasonalityNote}; window ends {Time(cut)})");
        return (fit, Describe(fit, "fitted on the training data before the first walk-forward test block"));
    }

    /// <summary>The metadata description of a profile that was given, not fitted.</summary>
    public static JsonObject Given(FeatureProfile profile, string source) => new()
    {
        ["identity"] = profile.Identity,
        ["source"] = source,
    };

    // The first test block's first sample, exactly as the splitter will place it on this data.
    private static long CutNs(ReplayDataset data, TrainingJobOptions options)
    {
        var wf = options.Training.WalkForward;
        if (wf.Scheme != SplitScheme.WalkForward || data.Samples.Rows < 200) return long.MaxValue;
        var labels = data.Label([options.Training.Horizon], options.Training.Threshold).At(options.Training.Horizon);
        // The first segment keeps its recorded times; a cut in a later segment leaves the whole first one before it.
        return WalkForwardSplitter.Split(data.Samples.TimesNs, labels, wf)[0].TestFromNs;
    }

    private static JsonObject Describe(RegimeFit fit, string source) => new()
    {
        ["identity"] = fit.Profile.Identity,
        ["source"] = source,
        ["fitFrom"] = Time(fit.FromNs),
        ["fitTo"] = Time(fit.ToNs),
        ["returns"] = fit.Returns,
        ["events"] = fit.Events,
        ["garch"] = fit.GarchNote,
        ["seasonality"] = fit.SeasonalityNote,
    };

    private static string Time(long ns) => ns == long.MaxValue
        ? "end of data"
        : DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).ToString("O", CultureInfo.InvariantCulture);
}
