using HftScalper.Core.Symbols;
using HftScalper.Reporting;

namespace HftScalper.Reporting.Tests;

public sealed class ScoreWindowsTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void A_window_keeps_the_last_blocks_and_its_interval_covers_the_true_accuracy()
    {
        // 10 s blocks of 100 decisions, right with probability 0.6, 200 blocks; the window keeps the last 60.
        var w = new WindowedScores(10 * S, windowBlocks: 60);
        var r = new Random(1);
        for (int i = 0; i < 20_000; i++)
        {
            bool right = r.NextDouble() < (i < 10_000 ? 0.3 : 0.6); // the first half is forgotten
            w.Add(right, right ? 0.5 : 1.5, 0.7, i * S / 10);
        }
        var s = w.Summarize();
        Assert.Equal(60, s.Blocks);
        Assert.Equal(6_000, s.Decisions);
        Assert.Equal(20_000, s.Labelled);
        Assert.InRange(s.Accuracy.Mean, 0.57, 0.63);
        Assert.True(s.Accuracy.Low < s.Accuracy.Mean && s.Accuracy.Mean < s.Accuracy.High, $"interval {s.Accuracy}");
        Assert.True(s.Accuracy.High - s.Accuracy.Low < 0.06, $"interval {s.Accuracy}");
        Assert.InRange(s.CalibrationGap.Mean, 0.07, 0.13); // confidence 0.7 against accuracy 0.6: over-confident
        Assert.InRange(s.LogLoss.Mean, 0.85, 0.95);
    }

    [Fact]
    public void Student_t_quantiles_are_close_to_the_tables()
    {
        Assert.Equal(2.776, WindowedScores.T975(4), 2);
        Assert.Equal(2.262, WindowedScores.T975(9), 2);
        Assert.Equal(2.001, WindowedScores.T975(59), 2);
        Assert.Equal(2.201, WindowedScores.T975(11), 2);
    }

    [Fact]
    public void Decisions_are_scored_per_symbol_and_per_regime_at_the_primary_horizon()
    {
        var recorder = new PredictionRecorder(new PredictionRecorderOptions { HorizonsNs = [2 * S], ThresholdTicks = 0.5 });
        // Symbol 0 always rises (predicted up: right), symbol 1 always falls (predicted up: wrong); regimes alternate.
        for (int i = 0; i < 3_000; i++)
        {
            long t = i * S / 10;
            recorder.RecordDecision(0, t, 100 + i, [0.1f, 0.2f, 0.7f], regime: i % 2);
            recorder.RecordDecision(1, t, 10_000 - i, [0.1f, 0.2f, 0.7f], regime: 2);
        }
        var registry = new SymbolRegistry();
        registry.Register("AAAUSDT", "binance-spot", 2, 3);
        registry.Register("BBBUSDT", "binance-spot", 2, 3);

        var windows = RunStatistics.SummarizeWindows(recorder, registry);

        Assert.Equal(["AAAUSDT", "BBBUSDT"], windows.BySymbol.Select(w => w.Name));
        Assert.Equal(1.0, windows.BySymbol[0].Accuracy.Mean, 6);
        Assert.Equal(0.0, windows.BySymbol[1].Accuracy.Mean, 6);
        Assert.Equal(["ranging", "trending", "volatile"], windows.ByRegime.Select(w => w.Name));
        Assert.Equal(0.0, windows.ByRegime[2].Accuracy.Mean, 6);
        Assert.True(windows.ByRegime[2].LogLoss.Mean > windows.ByRegime[0].LogLoss.Mean);
        Assert.Equal(10, windows.BlockSeconds); // five 2 s horizons, at least 10 s
    }
}
