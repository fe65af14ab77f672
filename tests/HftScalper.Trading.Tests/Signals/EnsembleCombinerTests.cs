using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Tests.Signals;

public sealed class EnsembleCombinerTests
{
    [Fact]
    public void Averages_members_weighted_by_weight_times_confidence()
    {
        var e = new EnsembleCombiner(2);
        e.SetMember(1, weight: 2f);
        float[] rows = [0.2f, 0.2f, 0.6f, /* member 1 */ 0.5f, 0.3f, 0.2f];
        var combined = new float[3];

        Assert.True(e.Combine(rows, float.NaN, combined));

        // w*c: member 0 = 1*0.6 = 0.6, member 1 = 2*0.5 = 1.0; total 1.6.
        float[] expected = [(0.6f * 0.2f + 1f * 0.5f) / 1.6f, (0.6f * 0.2f + 1f * 0.3f) / 1.6f, (0.6f * 0.6f + 1f * 0.2f) / 1.6f];
        for (int k = 0; k < 3; k++) Assert.Equal(expected[k], combined[k], 5);
        Assert.Equal(1f, combined.Sum(), 5);
    }

    [Fact]
    public void Unnormalised_rows_are_normalised_before_weighting()
    {
        var e = new EnsembleCombiner(2);
        var combined = new float[3];
        Assert.True(e.Combine([2f, 2f, 6f, 0.2f, 0.2f, 0.6f], -1, combined));
        Assert.Equal([0.2f, 0.2f, 0.6f], combined.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Selects_the_members_tagged_with_the_current_regime()
    {
        var e = new EnsembleCombiner(3);
        e.SetMember(0, 1f, regimeTag: 0);
        e.SetMember(1, 1f, regimeTag: 1);
        float[] rows = [0.7f, 0.2f, 0.1f, /* trending */ 0.1f, 0.2f, 0.7f, /* generalist */ 0.3f, 0.4f, 0.3f];
        var combined = new float[3];

        Assert.True(e.Combine(rows, 1f, combined));
        Assert.Equal([0.1f, 0.2f, 0.7f], combined.Select(v => MathF.Round(v, 5)));
        Assert.Equal(1, e.RegimeSelected);

        // Regime 2 has no specialist: the generalist alone decides.
        Assert.True(e.Combine(rows, 2f, combined));
        Assert.Equal([0.3f, 0.4f, 0.3f], combined.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void A_non_finite_member_is_skipped_and_counted()
    {
        var e = new EnsembleCombiner(2);
        var combined = new float[3];
        Assert.True(e.Combine([float.NaN, 0.5f, 0.5f, 0.1f, 0.1f, 0.8f], -1, combined));
        Assert.Equal([0.1f, 0.1f, 0.8f], combined.Select(v => MathF.Round(v, 5)));
        Assert.Equal(1, e.SkippedMembers);
    }

    [Fact]
    public void No_usable_member_returns_false_with_a_cleared_row()
    {
        var e = new EnsembleCombiner(2);
        var combined = new float[] { 9, 9, 9 };
        Assert.False(e.Combine([float.NaN, 0, 0, -1, 1, 1], -1, combined));
        Assert.Equal([0f, 0f, 0f], combined);
        Assert.Equal(1, e.Failed);
    }
}
