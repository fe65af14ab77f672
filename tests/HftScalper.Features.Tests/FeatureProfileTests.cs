using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Features.Tests.Engine;

namespace HftScalper.Features.Tests;

public sealed class FeatureProfileTests
{
    private static double[] Hourly(double peak)
    {
        var h = Enumerable.Range(0, 24).Select(i => 0.37 + i * 0.1 / 3).ToArray();
        h[14] = peak;
        return h;
    }

    [Fact]
    public void Json_round_trip_keeps_every_bit_of_the_parameters()
    {
        var p = new FeatureProfile(new GarchParameters(0.1 / 3, 0.07123456789012345, 0.8765432109876543), Hourly(12.345678901234567));

        var back = FeatureProfile.FromJson(p.GarchJson, p.SeasonalityJson);

        Assert.Equal(p, back);
        Assert.Equal(p.Identity, back.Identity);
        Assert.Equal(BitConverter.DoubleToInt64Bits(p.Garch!.Value.Omega), BitConverter.DoubleToInt64Bits(back.Garch!.Value.Omega));
        Assert.Equal(BitConverter.DoubleToInt64Bits(p.Garch.Value.Beta), BitConverter.DoubleToInt64Bits(back.Garch.Value.Beta));
        Assert.Equal(p.HourlyActivity!.Select(BitConverter.DoubleToInt64Bits), back.HourlyActivity!.Select(BitConverter.DoubleToInt64Bits));
        Assert.StartsWith("fp-", p.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_spelled_out_are_the_default_profile()
    {
        var flat = Enumerable.Repeat(1.0, 24).ToArray();

        var p = new FeatureProfile(FeatureEngineOptions.DefaultGarch, flat);

        Assert.True(p.IsDefault);
        Assert.Equal("default", p.Identity);
        Assert.Null(p.GarchJson);
        Assert.Equal(FeatureProfile.Default, FeatureProfile.Of(FeatureEngineOptions.Default));
        Assert.Equal(FeatureProfile.Default, FeatureProfile.FromJson(null, ""));
    }

    [Fact]
    public void Applying_a_profile_keeps_the_other_options_and_sets_the_fitted_parameters()
    {
        var p = new FeatureProfile(new GarchParameters(0.3, 0.1, 0.8), Hourly(5));
        var baseOptions = new FeatureEngineOptions { Triggers = DecisionTriggers.Clock, ClockIntervalNs = 250_000_000 };

        var o = p.ApplyTo(baseOptions);

        Assert.Equal(DecisionTriggers.Clock, o.Triggers);
        Assert.Equal(250_000_000, o.ClockIntervalNs);
        Assert.Equal(p.Garch, o.Garch);
        Assert.Equal(p.HourlyActivity, o.HourlyActivityBaseline);
        Assert.Equal(p, FeatureProfile.Of(o));
        Assert.Equal(FeatureEngine.DefaultSchema.Hash, new FeatureEngine(Ev.Registry(), o with { Triggers = baseOptions.Triggers }).Schema.Hash);
    }

    [Fact]
    public void Difference_names_the_parameters_that_differ()
    {
        var engine = new FeatureProfile(new GarchParameters(0.3, 0.1, 0.8), Hourly(5));
        var sameGarch = new FeatureProfile(new GarchParameters(0.3, 0.1, 0.8), Hourly(6));

        Assert.Null(engine.DescribeDifference(new FeatureProfile(new GarchParameters(0.3, 0.1, 0.8), Hourly(5))));
        var d = engine.DescribeDifference(sameGarch)!;
        Assert.Contains("activity baseline", d, StringComparison.Ordinal);
        Assert.DoesNotContain("GARCH", d, StringComparison.Ordinal);
        var vsDefault = engine.DescribeDifference(FeatureProfile.Default)!;
        Assert.Contains("GARCH engine fitted (omega 0.3, alpha 0.1, beta 0.8", vsDefault, StringComparison.Ordinal);
        Assert.Contains("vs model default (omega 0.02, alpha 0.05, beta 0.93)", vsDefault, StringComparison.Ordinal);
        Assert.Contains("flat (default", vsDefault, StringComparison.Ordinal);
        Assert.Contains(engine.Identity, vsDefault, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"omega\":0.1,\"alpha\":0.5,\"beta\":0.6}", null)]      // alpha + beta >= 1
    [InlineData("{\"omega\":0.1,\"alpha\":0.1}", null)]                   // missing beta
    [InlineData("{omega", null)]                                          // not JSON
    [InlineData(null, "{\"hourlyEventsPerSecond\":[1,2,3]}")]             // not 24 hours
    [InlineData(null, "{\"hourlyEventsPerSecond\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,0]}")] // zero rate
    public void Malformed_profiles_are_refused(string? garch, string? seasonality)
    {
        Assert.Throws<FormatException>(() => FeatureProfile.FromJson(garch, seasonality));
    }
}
