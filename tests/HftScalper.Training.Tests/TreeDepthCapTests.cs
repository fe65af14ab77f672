using HftScalper.Inference.Contracts;
using HftScalper.Training.Models;
using HftScalper.Training.Search;
using HftScalper.Training.WarmStart;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace HftScalper.Training.Tests;

/// <summary>
/// <c>hft train --max-depth</c>: a cap on every tree's split path, the latency bound the leaf budget alone does not
/// give (leaf-wise growth can spend 15 leaves on a long chain; a serving walk costs one node per level).
/// </summary>
public sealed class TreeDepthCapTests
{
    // Many leaves and small leaves, so unbounded leaf-wise growth goes deeper than the cap on this market.
    private static readonly GbmParameters Deep = new(31, 0.1, 5, 20, 0, 1.0, 0);

    [Fact]
    public void Every_tree_of_both_two_stage_heads_stays_within_the_cap()
    {
        var (samples, classes, _, rows) = Market();

        var uncapped = DirectionTrainer.Train(new MLContext(1), samples, classes, rows, null, Deep, 1, DirectionForm.TwoStage);
        var capped = DirectionTrainer.Train(new MLContext(1), samples, classes, rows, null, Deep with { MaxDepth = 2 }, 1, DirectionForm.TwoStage);

        Assert.True(Deepest(uncapped.Heads.SelectMany(h => h.Ensemble.Trees)) > 2, "the market must grow deeper trees than the cap, else the test shows nothing");
        Assert.All(capped.Heads, h => Assert.All(h.Ensemble.Trees, t =>
        {
            Assert.InRange(Depth(t, 0), 0, 2);
            Assert.InRange(t.NumberOfLeaves, 1, 4);
        }));
    }

    [Fact]
    public void The_return_regressor_stays_within_the_cap()
    {
        var (samples, _, forward, rows) = Market();

        var uncapped = ReturnTrainer.Train(new MLContext(1), samples, forward, rows, null, Deep, 1);
        var capped = ReturnTrainer.Train(new MLContext(1), samples, forward, rows, null, Deep with { MaxDepth = 3 }, 1);

        Assert.True(Deepest(uncapped.Ensemble.Trees) > 3, "the market must grow deeper trees than the cap");
        Assert.InRange(Deepest(capped.Ensemble.Trees), 0, 3);
    }

    [Fact]
    public void Every_searched_candidate_carries_the_cap_and_no_cap_draws_as_before()
    {
        var capped = new RandomSearch(seed: 3, maxIterations: 100, maxDepth: 4);
        var plain = new RandomSearch(seed: 3, maxIterations: 100);
        for (int i = 0; i < 20; i++)
        {
            var c = capped.Next(i);
            Assert.Equal(4, c.MaxDepth);
            Assert.Equal(plain.Next(i), c with { MaxDepth = 0 });
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(1, 100, -1));
    }

    [Fact]
    public void The_cap_is_in_the_parameters_text_and_a_warm_start_passes_it_to_LightGbm()
    {
        var p = GbmParameters.Default with { MaxDepth = 4 };

        Assert.EndsWith(" depth<=4", p.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("depth", GbmParameters.Default.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(" max_depth=4", WarmStartTrainer.Parameters(p, 1), StringComparison.Ordinal);
        Assert.DoesNotContain("max_depth", WarmStartTrainer.Parameters(GbmParameters.Default, 1), StringComparison.Ordinal);
    }

    private static (Data.FeatureMatrix Samples, int[] Classes, float[] Forward, int[] Rows) Market()
    {
        var data = SyntheticMarket.Labeled(3000, seed: 5, signal: 0.1, thresholdTicks: 1);
        var labels = data.Horizons[0];
        int[] rows = [.. Enumerable.Range(0, data.Samples.Rows).Where(r => labels.Classes[r] >= 0)];
        return (data.Samples, labels.Classes, labels.ForwardBps, rows);
    }

    private static int Deepest(IEnumerable<RegressionTree> trees) => trees.Max(t => Depth(t, 0));

    // ML.NET's layout: a non-negative child is a split node, a negative child c is leaf ~c (a leaf adds no level).
    private static int Depth(RegressionTree tree, int node) => node < 0 || tree.LeftChild.Count == 0 ? 0
        : 1 + Math.Max(Depth(tree, tree.LeftChild[node]), Depth(tree, tree.RightChild[node]));
}
