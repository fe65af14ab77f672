using HftScalper.Features.Engine;
using HftScalper.Features.Regime;

namespace HftScalper.Features.Tests.Engine;

public sealed class RegimeObserverTests
{
    private sealed class Recorder : IRegimeObserver
    {
        public readonly List<(long End, double R)> Returns = [];
        public readonly List<long> Events = [];
        public void OnSecondReturn(int symbolId, long endNs, double returnBps) => Returns.Add((endNs, returnBps));
        public void OnActivityEvent(int symbolId, long timeNs) => Events.Add(timeNs);
    }

    [Fact]
    public void Observer_sees_the_one_second_returns_the_garch_recursion_folds_including_idle_seconds()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var seen = new Recorder();
        engine.RegimeObserver = seen;
        var row = new float[engine.Width];
        // Quotes at 0.5 s, 1.5 s, 4.5 s (seconds 2 and 3 idle), 5.5 s. The first quote gives the first mid, the
        // second anchors the first second's mid; each later second boundary closes one return (mid before the event).
        long[] bids = [1_000_000, 1_000_400, 999_800, 1_000_100];
        long[] at = [0, 1, 4, 5];
        for (int i = 0; i < bids.Length; i++) engine.OnEvent(Ev.Quote(Ev.T0 + at[i] * Ev.Sec + Ev.Sec / 2, bids[i], 1, bids[i] + 2, 1), null, row);

        double R(long a, long b) => Math.Log((b + 1.0) / (a + 1.0)) * 1e4;
        Assert.Equal(
            [(Ev.T0 + 2 * Ev.Sec, R(bids[0], bids[1])), (Ev.T0 + 3 * Ev.Sec, 0.0),
             (Ev.T0 + 4 * Ev.Sec, 0.0), (Ev.T0 + 5 * Ev.Sec, R(bids[1], bids[2]))],
            seen.Returns);
        Assert.Equal(at.Select(s => Ev.T0 + s * Ev.Sec + Ev.Sec / 2), seen.Events);
    }

    [Fact]
    public void Garch_fitted_on_what_the_engine_reports_recovers_the_simulated_parameters()
    {
        // A GARCH(1,1) path in bps per second, one quote per second: the engine's 1-second returns are the path's.
        var truth = new GarchParameters(0.05, 0.12, 0.83);
        var rng = new Random(21);
        var engine = new FeatureEngine(Ev.Registry());
        var history = new RegimeHistory();
        engine.RegimeObserver = history;
        var row = new float[engine.Width];
        double s2 = truth.LongRunVariance, logMid = Math.Log(5_000_000), r = 0;
        const int N = 15_000;
        for (int t = 0; t < N; t++)
        {
            if (t > 0)
            {
                s2 = truth.Omega + truth.Alpha * r * r + truth.Beta * s2;
                double z = Math.Sqrt(-2 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                r = Math.Sqrt(s2) * z;
                logMid += r * 1e-4;
            }
            long bid = (long)Math.Round(Math.Exp(logMid)) - 1;
            engine.OnEvent(Ev.Quote(Ev.T0 + t * Ev.Sec + Ev.Sec / 2, bid, 1, bid + 2, 1), null, row);
        }

        var fit = history.Fit(0);

        Assert.Equal(N - 2, fit.Returns); // the first quote only sets a mid, the second anchors it
        var g = fit.Profile.Garch!.Value;
        Assert.InRange(g.Alpha, truth.Alpha - 0.03, truth.Alpha + 0.03);
        Assert.InRange(g.Beta, truth.Beta - 0.05, truth.Beta + 0.05);
        Assert.InRange(g.LongRunVariance / truth.LongRunVariance, 0.8, 1.25);
        Assert.NotNull(fit.Profile.HourlyActivity);
    }

    [Fact]
    public void Fit_uses_only_the_window_before_the_cut()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var history = new RegimeHistory();
        engine.RegimeObserver = history;
        var row = new float[engine.Width];
        var rng = new Random(4);
        long bid = 1_000_000;
        for (int t = 0; t < 600; t++)
        {
            bid += rng.Next(-50, 51);
            engine.OnEvent(Ev.Quote(Ev.T0 + t * Ev.Sec + Ev.Sec / 2, bid, 1, bid + 2, 1), null, row);
        }

        var early = history.Fit(0, Ev.T0 + 200 * Ev.Sec);
        var all = history.Fit(0);

        Assert.Equal(199, early.Returns);
        Assert.Equal(200, early.Events);
        Assert.Equal(history.ReturnsUntil(0, Ev.T0 + 200 * Ev.Sec), history.ReturnsUntil(0)[..199]);
        Assert.NotEqual(early.Profile, all.Profile);
        var tooShort = history.Fit(0, Ev.T0 + 30 * Ev.Sec);
        Assert.Null(tooShort.Profile.Garch);
        Assert.Contains("default kept", tooShort.GarchNote, StringComparison.Ordinal);
    }
}
