using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// Stage B's move-prior correction on decision records: a 2 s model sampled every 250 ms that always says P(move) 0.8
/// (P(down, flat, up) = 0.2, 0.2, 0.6), on books whose mid never moves.
/// </summary>
public sealed class MovePriorStageTests
{
    private const long Ms = 1_000_000;
    private static readonly MovePriorServing Serving = new(new MovePriorOptions(), 2_000 * Ms, 250 * Ms, new MoveThreshold(0, false));

    private static DecisionRecord Record(int symbol, long timeNs, bool synced) => new()
    {
        SymbolId = symbol, ExchangeTimeNs = timeNs, BookSynced = synced,
        BidTicks = synced ? 999 : 0, AskTicks = synced ? 1_001 : 0, MidTicks = synced ? 1_000 : 0,
    };

    [Fact]
    public void A_quiet_symbol_is_served_flat_while_another_symbol_keeps_its_own_correction()
    {
        var stage = new MovePriorStage(Serving);
        float[] quiet = [], other = [];
        for (long ms = 0; ms < 300_000; ms += 100)
        {
            var a = Record(3, ms * Ms, synced: true);
            quiet = [0.2f, 0.2f, 0.6f];
            stage.Apply(ref a, quiet);
            if (ms < 1_000) // the other symbol is seen only in the first second: no evidence yet
            {
                var b = Record(7, ms * Ms, synced: true);
                other = [0.2f, 0.2f, 0.6f];
                stage.Apply(ref b, other);
            }
        }

        Assert.True(quiet[1] > 0.9f, $"flat {quiet[1]}");
        Assert.Equal(0.75f, quiet[2] / (quiet[0] + quiet[2]), 5);
        Assert.Equal([0.2f, 0.2f, 0.6f], other);
        Assert.True(stage.CorrectedRows > 2_000, $"corrected {stage.CorrectedRows}");
    }

    [Fact]
    public void Decisions_on_an_unsynced_book_are_not_observed_and_change_nothing()
    {
        var stage = new MovePriorStage(Serving);
        float[] scores = [];
        for (long ms = 0; ms < 300_000; ms += 100)
        {
            var r = Record(1, ms * Ms, synced: false);
            scores = [0.2f, 0.2f, 0.6f];
            stage.Apply(ref r, scores);
        }

        Assert.Equal([0.2f, 0.2f, 0.6f], scores);
        Assert.Equal(0, stage.CorrectedRows);
    }
    [Fact]
    public void With_the_gate_and_no_correction_a_quiet_symbol_is_served_the_baseline_flat_row()
    {
        var gated = new MovePriorServing(new MovePriorOptions { MaxOffset = 0, Gate = new BaselineGateOptions() }, 2_000 * Ms, 250 * Ms, new MoveThreshold(0, false));
        var stage = new MovePriorStage(gated);
        var plain = new MovePriorStage(gated with { Options = new MovePriorOptions { MaxOffset = 0 } });
        float[] scores = [], raw = [];
        for (long ms = 0; ms < 60_000; ms += 100)
        {
            var r = Record(4, ms * Ms, synced: true);
            scores = [0.2f, 0.2f, 0.6f];
            stage.Apply(ref r, scores);
            raw = [0.2f, 0.2f, 0.6f];
            plain.Apply(ref r, raw);
        }
        var unsynced = Record(4, 60_000 * Ms, synced: false);
        float[] served = [0.2f, 0.2f, 0.6f];
        stage.Apply(ref unsynced, served); // not observed, but gated by the symbol's current choice

        Assert.True(scores[1] > 0.9f, $"flat {scores[1]}");
        Assert.True(served[1] > 0.9f, $"flat {served[1]}");
        Assert.Equal([0.2f, 0.2f, 0.6f], raw); // MaxOffset 0: the correction alone changes nothing
        Assert.Equal(0, plain.CorrectedRows);
        Assert.True(stage.CorrectedRows > 500, $"gated {stage.CorrectedRows}");
    }

    [Fact]
    public void A_cold_start_serves_a_new_symbols_first_row_toward_flat_before_any_evidence()
    {
        var stage = new MovePriorStage(Serving with { Options = new MovePriorOptions { ColdOffset = -1 } });
        var plain = new MovePriorStage(Serving);
        var r = Record(5, 0, synced: true);
        float[] row = [0.2f, 0.2f, 0.6f], raw = [0.2f, 0.2f, 0.6f];
        stage.Apply(ref r, row);
        plain.Apply(ref r, raw);

        // P(move) 0.8 -> sigmoid(logit(0.8) - 1) = 0.595390; P(up | move) 0.75 kept
        Assert.Equal(1 - 0.595390f, row[1], 5);
        Assert.Equal(0.75f, row[2] / (row[0] + row[2]), 5);
        Assert.Equal(1, stage.CorrectedRows);
        Assert.Equal([0.2f, 0.2f, 0.6f], raw); // without it the model speaks until a pair resolves
        Assert.Equal(0, plain.CorrectedRows);
    }

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 0)]
    [InlineData(true, 10, 0)] // the gate judged at 10 s (replay --gate-horizon 10s): a longer ring, still made on the first decision
    [InlineData(true, 0, -0.5)] // a cold start: the same state, one more constant
    [InlineData(true, 0, -0.5, true)] // a fading cold start: one more sum
    public void Serving_a_known_symbol_allocates_nothing(bool gate, int gateSeconds, double cold, bool fades = false)
    {
        var gated = Serving with { Options = new MovePriorOptions { Gate = new BaselineGateOptions(), ColdOffset = cold, PriorFades = fades } };
        if (gateSeconds > 0) gated = gated.JudgedAt(TimeSpan.FromSeconds(gateSeconds), gated.Threshold);
        var stage = new MovePriorStage(gate ? gated : Serving);
        Span<float> scores = stackalloc float[3];
        var first = Record(2, 0, synced: true);
        stage.Apply(ref first, scores); // the symbol's tracker is made here

        // Each pass is the next two minutes; the scores live on the pass's stack (a lambda cannot capture a span).
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            Span<float> s = stackalloc float[3];
            for (long ms = 100 + pass * 120_000L; ms < (pass + 1) * 120_000L; ms += 100)
            {
                var r = Record(2, ms * Ms, synced: true);
                s[0] = 0.2f; s[1] = 0.2f; s[2] = 0.6f;
                stage.Apply(ref r, s);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(stage.CorrectedRows > 0);
    }
}
