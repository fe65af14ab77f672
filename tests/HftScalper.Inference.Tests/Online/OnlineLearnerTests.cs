using HftScalper.Inference.Online;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Online;

public sealed class OnlineLearnerTests
{
    private const int Lag = 20;           // labels arrive 20 decisions after the prediction (one "horizon")
    private const long StepNs = 100;      // decision d is made at d * 100 ns
    private static readonly OnlineLearnerOptions Fast = new() { Ftrl = new FtrlOptions { Alpha = 0.1 }, BlockNs = 1_000, PendingCapacity = 256, LearnSpacingNs = 0 };

    // Symbol of decision d: round robin over `symbols`.
    private static void Drive(OnlineLearner learner, PlantedStream stream, int decisions, int symbols = 1, Action<long, int, float[]>? onPrediction = null)
    {
        var labels = new int[decisions];
        var row = new float[stream.Features];
        var online = new float[3];
        for (long d = 0; d < decisions; d++)
        {
            if (d >= Lag) learner.Resolve(d - Lag, labels[d - Lag], (d - Lag) * StepNs);
            int symbol = (int)(d % symbols);
            labels[d] = stream.Next(symbol, row);
            learner.Predict(d, symbol, row, PlantedStream.Uniform, online);
            onPrediction?.Invoke(d, symbol, online);
        }
    }

    [Fact]
    public void Scoring_is_prequential_the_prediction_made_before_its_label_is_what_is_scored()
    {
        var learner = new OnlineLearner(4, 3, Fast);
        var online = new float[3];

        learner.Predict(0, 0, [2, 0, 0, 0], PlantedStream.Uniform, online);
        learner.Resolve(0, realisedClass: 2, decisionTimeNs: 0);

        // Nothing was learnt before the prediction: it was the frozen model's, and is scored as such.
        var s = learner.Stats;
        Assert.Equal(1, s.Resolved);
        Assert.Equal(-Math.Log(1.0 / 3), s.CandidateLogLoss, 6);
        Assert.Equal(s.LiveLogLoss, s.CandidateLogLoss, 6);
        Assert.Equal(1, learner.Shared.Samples);
        Assert.False(learner.Resolve(0, 2, 0)); // already resolved
    }

    [Fact]
    public void Realised_counts_and_the_prequential_majority_are_counted_before_each_label()
    {
        var learner = new OnlineLearner(4, 3, Fast);
        var online = new float[3];
        // Labels up, up, flat, flat, flat, down, flat: the majority before each (lowest index on a tie) is
        // down (none seen), up, up, up, flat (2-2 tie with up: flat is lower), flat, flat -> right on the 2nd, 5th and 7th.
        int[] labels = [2, 2, 1, 1, 1, 0, 1];
        for (int d = 0; d < labels.Length; d++)
        {
            learner.Predict(d, 0, [0, 0, 0, 0], PlantedStream.Uniform, online);
            Assert.True(learner.Resolve(d, labels[d], d * StepNs));
        }
        Assert.Equal([1L, 4L, 2L], learner.RealisedCounts.ToArray());
        Assert.Equal(3, learner.PrequentialMajorityCorrect);
        Assert.False(learner.Resolve(0, 2, 0)); // already resolved: not counted again
        Assert.Equal(7, learner.RealisedCounts.ToArray().Sum());
    }

    [Fact]
    public void Online_beats_the_frozen_model_on_a_planted_relationship_by_the_paired_test()
    {
        var learner = new OnlineLearner(4, 3, Fast);

        Drive(learner, new PlantedStream(seed: 11), 20_000);

        var s = learner.Stats;
        Assert.Equal(20_000 - Lag, s.Resolved);
        Assert.True(s.CandidateAccuracy > 0.8, $"online accuracy {s.CandidateAccuracy}");
        Assert.True(s.LiveAccuracy < 0.45, $"frozen accuracy {s.LiveAccuracy}");
        Assert.True(s.CandidateMeanLogLoss < s.LiveMeanLogLoss);
        Assert.True(s.AccuracyTest.Blocks > 100, $"{s.AccuracyTest.Blocks} blocks");
        Assert.True(s.AccuracyTest.PValueBetter < 1e-6 && s.LogLossTest.PValueBetter < 1e-6);
        Assert.Equal(0, learner.Lost);
    }

    [Fact]
    public void Two_learners_fed_the_same_stream_predict_and_score_identically()
    {
        static (List<float> Predictions, double Loss) Run()
        {
            var learner = new OnlineLearner(4, 3, Fast with { PerSymbol = true, TransferAfter = 500 });
            var all = new List<float>();
            Drive(learner, new PlantedStream(seed: 4) { Inverted = s => s == 2 }, 6000, symbols: 3, (_, _, p) => all.AddRange(p));
            return (all, learner.Stats.CandidateLogLoss);
        }

        var (a, lossA) = Run();
        var (b, lossB) = Run();

        Assert.Equal(a, b);
        Assert.Equal(lossA, lossB);
    }

    [Fact]
    public void A_prediction_and_a_labelled_update_allocate_nothing()
    {
        var learner = new OnlineLearner(4, 3, Fast with { PerSymbol = true, TransferAfter = 100, Ab = new AbRouter(0.5, AbSplit.Decision, 3) });
        var stream = new PlantedStream(seed: 5);
        var row = new float[4];
        var online = new float[3];
        var labels = new int[4096];
        long d = 0;
        void Step()
        {
            if (d >= Lag) learner.Resolve(d - Lag, labels[(d - Lag) & 4095], (d - Lag) * StepNs);
            labels[d & 4095] = stream.Next((int)(d % 2), row);
            learner.Predict(d, (int)(d % 2), row, PlantedStream.Uniform, online);
            d++;
        }
        for (int i = 0; i < 2000; i++) Step(); // warm up: both symbols' layers exist, JIT done

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 10_000; i++) Step();
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2, learner.SymbolStats().Count);
    }

    [Fact]
    public void A_label_older_than_the_pending_ring_is_counted_lost_not_learnt()
    {
        var learner = new OnlineLearner(4, 3, Fast with { PendingCapacity = 4 });
        var online = new float[3];
        for (long d = 0; d < 5; d++) learner.Predict(d, 0, [1, 0, 0, 0], PlantedStream.Uniform, online);

        Assert.False(learner.Resolve(0, 1, 0)); // slot 0 now holds decision 4
        Assert.True(learner.Resolve(4, 1, 400));

        Assert.Equal(1, learner.Lost);
        Assert.Equal(1, learner.Shared.Samples);
    }

    [Fact]
    public void A_symbol_gets_its_own_layer_warm_started_from_the_shared_one_only_after_the_transfer_point()
    {
        var learner = new OnlineLearner(4, 3, Fast with { PerSymbol = true, TransferAfter = 1000, MaxSymbols = 4 });
        var before = new List<(long D, float[] P)>();

        Drive(learner, new PlantedStream(seed: 8), 900, symbols: 2);
        Assert.Empty(learner.SymbolStats()); // the shared layer has learnt < 1000 samples: every symbol uses it

        Drive(learner, new PlantedStream(seed: 9), 1100, symbols: 2);
        var symbols = learner.SymbolStats();
        Assert.Equal([0, 1], symbols.Select(s => s.SymbolId));
        Assert.All(symbols, s => Assert.True(s.WarmStartSamples >= 1000, $"warm start after {s.WarmStartSamples} samples"));
    }

    [Fact]
    public void A_symbol_beyond_the_per_symbol_range_is_served_by_the_shared_layer()
    {
        var learner = new OnlineLearner(4, 3, Fast with { PerSymbol = true, TransferAfter = 0, MaxSymbols = 2 });
        Drive(learner, new PlantedStream(seed: 2), 3000, symbols: 2);
        var online = new float[3];
        var shared = new float[3];
        float[] row = [1.2f, 0.1f, -0.3f, 0.7f];

        learner.Predict(5000, symbolId: 7, row, PlantedStream.Uniform, online);
        learner.Shared.Predict(row, PlantedStream.Uniform, shared);

        Assert.Equal(shared, online);
        Assert.DoesNotContain(learner.SymbolStats(), s => s.SymbolId == 7);
    }

    [Fact]
    public void A_symbol_whose_market_differs_from_the_others_graduates_to_its_own_layer()
    {
        // Symbols 0-2 follow the planted rule, symbol 3 the reverse: the shared layer, fitted mostly to the first
        // three, is wrong on symbol 3; its own layer, warm-started from the shared one, learns the reverse and wins.
        var learner = new OnlineLearner(4, 3, Fast with { PerSymbol = true, TransferAfter = 2000, GraduationMinBlocks = 10 });
        var served = new List<(long D, float[] P)>();

        Drive(learner, new PlantedStream(seed: 21) { Inverted = s => s == 3 }, 40_000, symbols: 4);

        var inverted = learner.SymbolStats().Single(s => s.SymbolId == 3);
        Assert.True(inverted.Graduated, $"own log-loss {inverted.Own.MeanLogLoss} vs shared {inverted.Shared.MeanLogLoss}, p {inverted.LogLossTest.PValueBetter}");
        Assert.True(inverted.GraduatedAtOutcome > 0);
        Assert.True(inverted.Own.Accuracy > inverted.Shared.Accuracy + 0.1, $"own {inverted.Own.Accuracy} vs shared {inverted.Shared.Accuracy}");
        // Once graduated, the symbol is served its own layer's probabilities.
        var online = new float[3];
        var shared = new float[3];
        float[] up = [1.8f, 0, 0, 0];
        learner.Predict(50_000, 3, up, PlantedStream.Uniform, online);
        learner.Shared.Predict(up, PlantedStream.Uniform, shared);
        Assert.Equal(0, Array.IndexOf(online, online.Max())); // reversed: a high feature 0 means down on symbol 3
        Assert.NotEqual(shared, online);
    }
}
