using HftScalper.Features.Bars;
using HftScalper.Features.Technical;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests;

public sealed class BarIndicatorsTests
{
    private static List<TimeBar> RandomWalkBars(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = new List<TimeBar>();
        double close = 6_000_000;
        for (int i = 0; i < n; i++)
        {
            double open = close;
            close = Math.Round(open + rng.Next(-400, 401));
            double high = Math.Max(open, close) + rng.Next(0, 200);
            double low = Math.Min(open, close) - rng.Next(0, 200);
            bars.Add(new TimeBar { StartNs = i * 60_000_000_000L, Open = open, High = high, Low = low, Close = close, Volume = rng.Next(1, 1000) });
        }
        return bars;
    }

    /// <summary>Textbook Wilder RSI/ADX and EMA MACD, written plainly as the definition the bank must meet.</summary>
    private static (double[] Rsi, double[] Macd, double[] Signal, double[] Adx, double[] PlusDi) Reference(List<TimeBar> bars)
    {
        int n = bars.Count, p = 14;
        var rsi = new double[n]; var macd = new double[n]; var sig = new double[n]; var adx = new double[n]; var pdi = new double[n];
        double e12 = bars[0].Close, e26 = bars[0].Close, s9 = 0;
        double ag = 0, al = 0, tr = 0, pdm = 0, mdm = 0, ax = 0;
        for (int i = 1; i < n; i++)
        {
            var b = bars[i]; var q = bars[i - 1]; int k = i;
            double ch = b.Close - q.Close, g = Math.Max(ch, 0), l = Math.Max(-ch, 0);
            double t = Math.Max(b.High - b.Low, Math.Max(Math.Abs(b.High - q.Close), Math.Abs(b.Low - q.Close)));
            double up = b.High - q.High, dn = q.Low - b.Low;
            double pm = up > dn && up > 0 ? up : 0, mm = dn > up && dn > 0 ? dn : 0;
            if (k <= p) { ag += (g - ag) / k; al += (l - al) / k; tr += (t - tr) / k; pdm += (pm - pdm) / k; mdm += (mm - mdm) / k; }
            else { ag = (ag * (p - 1) + g) / p; al = (al * (p - 1) + l) / p; tr = (tr * (p - 1) + t) / p; pdm = (pdm * (p - 1) + pm) / p; mdm = (mdm * (p - 1) + mm) / p; }
            e12 += 2.0 / 13 * (b.Close - e12);
            e26 += 2.0 / 27 * (b.Close - e26);
            double m = e12 - e26;
            s9 = k == 1 ? m : s9 + 2.0 / 10 * (m - s9);
            rsi[i] = al == 0 ? 100 : 100 - 100 / (1 + ag / al);
            macd[i] = m; sig[i] = s9;
            double pd = 100 * pdm / tr, md = 100 * mdm / tr, dx = 100 * Math.Abs(pd - md) / (pd + md);
            int j = k - p + 1;
            if (j >= 1 && j <= p) ax += (dx - ax) / j;
            else if (j > p) ax = (ax * (p - 1) + dx) / p;
            adx[i] = ax; pdi[i] = pd;
        }
        return (rsi, macd, sig, adx, pdi);
    }

    [Fact]
    public void Matches_textbook_rsi_macd_and_adx_on_a_long_random_walk()
    {
        var bars = RandomWalkBars(2000, 3);
        var (rsi, macd, sig, adx, pdi) = Reference(bars);
        var ind = new BarIndicators();
        for (int i = 0; i < bars.Count; i++)
        {
            ind.OnBar(bars[i]);
            ref readonly var s = ref ind.Snapshot;
            Assert.Equal(i >= 14, s.RsiValid);
            Assert.Equal(i >= 33, s.MacdValid);
            Assert.Equal(i >= 27, s.AdxValid);
            if (s.RsiValid) { Assert.Equal(rsi[i], s.Rsi, 1e-9); Assert.Equal(pdi[i], s.PlusDi, 1e-9); }
            if (s.MacdValid) { Assert.Equal(macd[i], s.Macd, 1e-6); Assert.Equal(sig[i], s.MacdSignal, 1e-6); }
            if (s.AdxValid) Assert.Equal(adx[i], s.Adx, 1e-9);
        }
    }

    [Fact]
    public void Neutral_values_and_no_nan_during_warm_up_and_on_flat_prices()
    {
        var ind = new BarIndicators();
        for (int i = 0; i < 100; i++)
        {
            ind.OnBar(new TimeBar { StartNs = i, Open = 100, High = 100, Low = 100, Close = 100 });
            ref readonly var s = ref ind.Snapshot;
            Assert.Equal(50, s.Rsi);
            Assert.False(double.IsNaN(s.Adx) || double.IsNaN(s.Macd) || double.IsNaN(s.Momentum) || double.IsNaN(s.PlusDi));
        }
    }

    [Fact]
    public void Rsi_is_100_when_every_bar_closes_higher_and_momentum_tracks_the_lookback()
    {
        var ind = new BarIndicators();
        for (int i = 0; i < 30; i++) ind.OnBar(new TimeBar { Open = 100 + i, High = 101 + i, Low = 99 + i, Close = 100 + i });
        Assert.Equal(100, ind.Snapshot.Rsi);
        Assert.True(ind.Snapshot.MomentumValid);
        Assert.Equal(129.0 / 119.0 - 1.0, ind.Snapshot.Momentum, 1e-12);
        Assert.True(ind.Snapshot.PlusDi > ind.Snapshot.MinusDi);
    }

    [Fact]
    public void Updating_allocates_nothing()
    {
        var bars = RandomWalkBars(200, 4);
        var ind = new BarIndicators();
        ind.OnBar(bars[0]);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 1; i < bars.Count; i++) ind.OnBar(bars[i]);
        }));
    }
}
