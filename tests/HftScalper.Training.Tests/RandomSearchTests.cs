using HftScalper.Training.Models;
using HftScalper.Training.Search;

namespace HftScalper.Training.Tests;

public sealed class RandomSearchTests
{
    [Fact]
    public void Every_candidate_respects_the_iteration_cap()
    {
        var search = new RandomSearch(seed: 3, maxIterations: 100);
        for (int i = 0; i < 50; i++)
            Assert.InRange(search.Next(i).MaxIterations, 1, 100);
    }

    [Fact]
    public void The_first_candidate_is_the_defaults_under_the_cap()
    {
        Assert.Equal(GbmParameters.Default with { MaxIterations = 60 }, new RandomSearch(1, 60).Next(0));
        Assert.Equal(GbmParameters.Default, new RandomSearch(1, 1000).Next(0));
    }

    [Fact]
    public void Same_seed_draws_the_same_candidates()
    {
        var a = new RandomSearch(7, 100);
        var b = new RandomSearch(7, 100);
        for (int i = 0; i < 10; i++) Assert.Equal(a.Next(i), b.Next(i));
    }
}
