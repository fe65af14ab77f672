using HftScalper.Engine.Outcomes;


namespace HftScalper.Reporting.Tests;

public sealed class PredictionRecorderTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Scores_decisions_per_symbol_once_their_horizons_pass()
    {
        var recorder = new PredictionRecorder(new PredictionRecorderOptions { HorizonsNs = [5 * S, 10 * S], ThresholdTicks = 0.5 });

        // Symbol 0 rises 2 ticks, symbol 1 falls 2 ticks; both predicted up.
        recorder.RecordDecision(0, 0, 100, [0.1f, 0.2f, 0.7f]);
        recorder.RecordDecision(1, 0, 500, [0.1f, 0.2f, 0.7f]);
        recorder.ObserveMid(0, 3 * S, 102);
        recorder.ObserveMid(1, 3 * S, 498);
        recorder.ObserveMid(0, 6 * S, 102);
        recorder.ObserveMid(1, 6 * S, 498);

        var h5 = recorder.Horizons[0];
        Assert.Equal(2, h5.Labelled);
        Assert.Equal(1, h5.Confusion(DirectionClass.Up, DirectionClass.Up));
        Assert.Equal(1, h5.Confusion(DirectionClass.Up, DirectionClass.Down));
        Assert.Equal(0, recorder.Horizons[1].Labelled);
        Assert.Equal(2, recorder.Unresolved(1));
        Assert.Equal(2, recorder.Decisions);
    }

    [Fact]
    public void Invalid_inputs_are_counted_not_scored()
    {
        var recorder = new PredictionRecorder(new PredictionRecorderOptions { MaxSymbols = 2 });

        recorder.RecordDecision(0, 0, 100, [float.NaN, 0.5f, 0.5f]);
        recorder.RecordDecision(5, 0, 100, [0.2f, 0.5f, 0.3f]);
        recorder.RecordDecision(0, 0, double.NaN, [0.2f, 0.5f, 0.3f]);
        recorder.RecordDecision(0, 0, 100, [0.2f, 0.5f]);
        recorder.ObserveMid(0, 1, -3);

        Assert.Equal(5, recorder.Invalid);
        Assert.Equal(0, recorder.Decisions);
    }

    [Fact]
    public void ObserveDecision_scores_exactly_as_ObserveMid_then_RecordDecision()
    {
        // Three symbols, a random walk of mids (some invalid), decisions scored or not, the first of each symbol
        // before its resolver exists: one resolver pass per decision must label, window and count as two did.
        var options = new PredictionRecorderOptions { HorizonsNs = [1 * S, 5 * S, 30 * S], ThresholdTicks = 0.5, MaxSymbols = 3 };
        var two = new PredictionRecorder(options);
        var one = new PredictionRecorder(options);
        var rng = new Random(11);
        double[] mids = [100, 5_000, 20];
        long t = 0;
        for (int i = 0; i < 20_000; i++)
        {
            t += rng.Next(1, 400_000_000);
            int sym = rng.Next(100) == 0 ? 2 : rng.Next(2); // symbol 2: rare, so its next mid comes after its horizons
            mids[sym] += rng.Next(-2, 3) * 0.5;
            double mid = rng.Next(500) == 0 ? double.PositiveInfinity : mids[sym];
            float up = (float)rng.NextDouble() * 0.6f, down = (float)rng.NextDouble() * (1 - up);
            float[] p = rng.Next(300) == 0 ? [float.NaN, 0.5f, 0.5f] : [down, 1 - up - down, up];
            bool scored = rng.Next(4) != 0;
            int regime = rng.Next(5) - 1;

            two.ObserveMid(sym, t, mid);
            if (scored) two.RecordDecision(sym, t, mid, p, regime);
            one.ObserveDecision(sym, t, mid, scored, p, regime);
        }

        Assert.True(two.Decisions > 10_000);
        Assert.Equal(two.Decisions, one.Decisions);
        Assert.Equal(two.Invalid, one.Invalid);
        Assert.Equal(two.Dropped, one.Dropped);
        for (int h = 0; h < options.HorizonsNs.Length; h++)
        {
            Assert.Equal(two.Unresolved(h), one.Unresolved(h));
            Assert.Equal(two.Horizons[h].Labelled, one.Horizons[h].Labelled);
            Assert.Equal(two.Horizons[h].Accuracy, one.Horizons[h].Accuracy);
            Assert.Equal(two.Horizons[h].LogLoss, one.Horizons[h].LogLoss);
            for (int predicted = 0; predicted < 3; predicted++)
                for (int actual = 0; actual < 3; actual++)
                    Assert.Equal(two.Horizons[h].Confusion(predicted, actual), one.Horizons[h].Confusion(predicted, actual));
        }
        for (int r = 0; r < PredictionRecorder.RegimeNames.Length; r++)
            Assert.Equal(two.RegimeWindows[r].Labelled, one.RegimeWindows[r].Labelled);
        for (int sym = 0; sym < 3; sym++)
            Assert.Equal(two.SymbolWindow(sym)!.Labelled, one.SymbolWindow(sym)!.Labelled);
    }

    [Fact]
    public void Primary_horizon_is_chosen_by_index()
    {
        var recorder = new PredictionRecorder(new PredictionRecorderOptions { PrimaryHorizon = 2 });

        Assert.Equal(30 * S, recorder.Primary.HorizonNs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionRecorder(new PredictionRecorderOptions { PrimaryHorizon = 3 }));
    }
}
