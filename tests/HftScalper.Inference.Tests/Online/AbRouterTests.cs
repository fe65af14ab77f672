using HftScalper.Inference.Online;

namespace HftScalper.Inference.Tests.Online;

public sealed class AbRouterTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public void The_fraction_of_decisions_routed_to_the_candidate_is_honoured(double fraction)
    {
        var router = new AbRouter(fraction, AbSplit.Decision, seed: 42);

        int candidate = 0;
        for (long d = 0; d < 100_000; d++) if (router.Route(d, symbolId: 0) == AbArm.Candidate) candidate++;

        Assert.InRange(candidate / 100_000.0, fraction - 0.01, fraction + 0.01);
    }

    [Fact]
    public void The_fraction_of_symbols_routed_to_the_candidate_is_honoured()
    {
        var router = new AbRouter(0.25, AbSplit.Symbol, seed: 9);

        int candidate = 0;
        for (int s = 0; s < 10_000; s++) if (router.Route(decision: s * 7L, s) == AbArm.Candidate) candidate++;

        Assert.InRange(candidate / 10_000.0, 0.23, 0.27);
    }

    [Fact]
    public void By_symbol_every_decision_of_a_symbol_stays_in_one_arm()
    {
        var router = new AbRouter(0.5, AbSplit.Symbol, seed: 1);

        for (int s = 0; s < 50; s++)
        {
            var first = router.Route(0, s);
            for (long d = 1; d < 1000; d++) Assert.Equal(first, router.Route(d, s));
        }
    }

    [Fact]
    public void The_same_seed_routes_the_same_way_and_another_seed_differently()
    {
        var a = new AbRouter(0.5, AbSplit.Decision, seed: 5);
        var b = new AbRouter(0.5, AbSplit.Decision, seed: 5);
        var c = new AbRouter(0.5, AbSplit.Decision, seed: 6);

        int differ = 0;
        for (long d = 0; d < 10_000; d++)
        {
            Assert.Equal(a.Route(d, 3), b.Route(d, 3));
            if (a.Route(d, 3) != c.Route(d, 3)) differ++;
        }
        Assert.InRange(differ, 4000, 6000);
    }

    [Fact]
    public void Zero_and_one_send_everything_to_one_arm()
    {
        var none = new AbRouter(0, AbSplit.Decision);
        var all = new AbRouter(1, AbSplit.Decision);

        for (long d = 0; d < 10_000; d++)
        {
            Assert.Equal(AbArm.Live, none.Route(d, 0));
            Assert.Equal(AbArm.Candidate, all.Route(d, 0));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbRouter(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbRouter(double.NaN));
    }
}
