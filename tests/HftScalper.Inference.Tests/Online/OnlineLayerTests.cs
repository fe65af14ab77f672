using HftScalper.Inference.Online;

namespace HftScalper.Inference.Tests.Online;

public sealed class OnlineLayerTests
{
    [Fact]
    public void Before_learning_it_returns_the_frozen_models_probabilities()
    {
        var layer = new OnlineLayer(features: 4, classes: 3, new FtrlOptions());
        var p = new float[3];

        layer.Predict([1, 2, 3, 4], [0.2f, 0.3f, 0.5f], p);

        Assert.Equal(0.2f, p[0], 6);
        Assert.Equal(0.3f, p[1], 6);
        Assert.Equal(0.5f, p[2], 6);
    }

    [Fact]
    public void It_learns_a_planted_relationship_the_frozen_model_does_not_know()
    {
        var layer = new OnlineLayer(features: 4, classes: 3, new FtrlOptions { Alpha = 0.1 });
        var stream = new PlantedStream(seed: 1);
        var row = new float[4];
        var p = new float[3];
        int right = 0, frozenRight = 0, scored = 0;

        for (int i = 0; i < 20_000; i++)
        {
            int label = stream.Next(0, row);
            layer.Predict(row, PlantedStream.Uniform, p); // predict, then learn
            if (i >= 18_000)
            {
                scored++;
                if (ArgMax(p) == label) right++;
                if (label == 0) frozenRight++; // uniform: the arg max tie goes to class 0
            }
            layer.Learn(row, PlantedStream.Uniform, label);
        }

        Assert.True(right > 0.85 * scored, $"online accuracy {right}/{scored}");
        Assert.True(frozenRight < 0.45 * scored, $"frozen accuracy {frozenRight}/{scored}");
        Assert.True(layer.Learner.Weight(2, 1) > 0 && layer.Learner.Weight(0, 1) < 0, "feature 0 should raise up and lower down");
    }

    [Fact]
    public void Two_runs_over_the_same_samples_give_bit_identical_predictions()
    {
        static float[] Run()
        {
            var layer = new OnlineLayer(features: 4, classes: 3, new FtrlOptions());
            var stream = new PlantedStream(seed: 3);
            var row = new float[4];
            var all = new float[3 * 5000];
            for (int i = 0; i < 5000; i++)
            {
                int label = stream.Next(0, row);
                layer.Predict(row, [0.25f, 0.5f, 0.25f], all.AsSpan(i * 3, 3));
                layer.Learn(row, [0.25f, 0.5f, 0.25f], label);
            }
            return all;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Non_finite_features_count_as_zero_and_never_poison_the_weights()
    {
        var layer = new OnlineLayer(features: 2, classes: 3, new FtrlOptions());
        var p = new float[3];
        for (int i = 0; i < 100; i++) layer.Learn([i % 2 == 0 ? float.NaN : 1, float.PositiveInfinity], [float.NaN, 0.5f, 0.5f], i % 3);

        layer.Predict([float.NaN, 1], [0.2f, 0.3f, 0.5f], p);

        Assert.All(p, v => Assert.True(float.IsFinite(v) && v > 0 && v < 1));
        Assert.Equal(1, p.Sum(), 5);
    }

    private static int ArgMax(ReadOnlySpan<float> p) => p[2] > p[1] && p[2] > p[0] ? 2 : p[1] > p[0] ? 1 : 0;
}
