using HftScalper.Core.Settings;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Tests.Execution;

/// <summary>
/// Settings that would produce a result from the setting alone are refused at start-up, naming the key: a taker rebate
/// (crossing the spread would pay: at -0.1 % on both sides the simulator's fallback made +95 USDT on 94 orders, exit 0)
/// and a zero Kelly multiplier or equity cap (nothing traded, and the stop reason blamed the signal's edge).
/// </summary>
public sealed class FeeScheduleValidationTests
{
    [Fact]
    public void A_negative_taker_fee_is_refused_naming_its_key()
    {
        var e = Assert.Throws<SettingException>(() => new FeeSchedule(200, -500).Validate("makerFeePpm", "takerFeePpm"));

        Assert.StartsWith("takerFeePpm = -500 is out of range [0, 10000]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_maker_rebate_and_a_zero_taker_fee_are_accepted()
    {
        new FeeSchedule(FeeSchedule.MinPpm, 0).Validate();
        new FeeSchedule(-100, 500).Validate();
        new FeeSchedule(0, 0).Validate();
    }

    [Theory]
    [InlineData(0.0, 0.1, "risk.kellyFraction")]
    [InlineData(0.25, 0.0, "risk.maxEquityFraction")]
    public void A_zero_kelly_multiplier_or_equity_cap_is_refused(double kelly, double cap, string key)
    {
        var e = Assert.Throws<SettingException>(() => new RiskOptions { KellyFraction = kelly, MaxEquityFraction = cap }.Validate("risk."));

        Assert.StartsWith(key + " = 0 is out of range (0, 1]", e.Message, StringComparison.Ordinal);
    }
}
