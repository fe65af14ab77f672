using HftScalper.Core.Settings;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

// risk.entriesFromNs / entriesUntilNs: entries only inside [from, until) of the run's clock; exits always.
public sealed class RiskEntryWindowTests
{
    [Theory]
    [InlineData(0, 0, RiskVerdict.Accept)]                       // no window (the default)
    [InlineData(Now, 0, RiskVerdict.Accept)]                     // the start is inclusive
    [InlineData(Now + 1, 0, RiskVerdict.OutsideEntryWindow)]     // one ns before the start
    [InlineData(0, Now + 1, RiskVerdict.Accept)]                 // one ns before the end
    [InlineData(0, Now, RiskVerdict.OutsideEntryWindow)]         // the end is exclusive
    [InlineData(Now - 10, Now + 10, RiskVerdict.Accept)]
    public void Entries_only_inside_the_window(long from, long until, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = 100, EntriesFromNs = from, EntriesUntilNs = until });
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
        Assert.Equal(1, f.Risk.Counters[expected]);
    }

    [Fact]
    public void Exits_are_not_refused_after_the_window()
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = 100, EntriesUntilNs = Now - 1 });
        f.Ledger.ApplyFill(0, 100, Ask, 0, Now - 5);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Flat, 0.6f, out var order));
        Assert.True(order.ReduceOnly);
        Assert.Equal(100L, order.QuantityLots);
        Assert.Equal(RiskVerdict.OutsideEntryWindow, f.Evaluate(SignalDirection.Long, 0.6f, out _)); // an add is an entry
    }

    [Fact]
    public void An_end_not_after_the_start_is_refused_naming_the_key()
    {
        var e = Assert.Throws<SettingException>(() => new RiskOptions { EntriesFromNs = 10, EntriesUntilNs = 10 }.Validate("risk."));
        Assert.Contains("risk.entriesUntilNs", e.Message);
    }
}
