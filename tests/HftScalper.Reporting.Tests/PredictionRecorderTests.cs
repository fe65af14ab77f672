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
    public void Primary_horizon_is_chosen_by_index()
    {
        var recorder = new PredictionRecorder(new PredictionRecorderOptions { PrimaryHorizon = 2 });

        Assert.Equal(30 * S, recorder.Primary.HorizonNs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionRecorder(new PredictionRecorderOptions { PrimaryHorizon = 3 }));
    }
}
