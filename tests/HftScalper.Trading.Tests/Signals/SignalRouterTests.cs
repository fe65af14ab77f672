using System.Runtime.CompilerServices;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;
using HftScalper.Tests.Shared;

namespace HftScalper.Trading.Tests.Signals;

public sealed class SignalRouterTests
{
    private readonly SignalTestLogger _log = new();
    private readonly SignalRouter _router;
    private static readonly float[] Bullish = FallbackSignalTests.Row(1e6f, 1f, 1f);
    private static readonly float[] Bearish = FallbackSignalTests.Row(-1e6f, -1f, -1f);

    public SignalRouterTests()
    {
        var h = new DirectionHysteresis(2, cooldownNs: 0);
        _router = new SignalRouter(new SignalGenerator(h), new FallbackSignal(FallbackSignalTests.Schema, h), _log, id => id == 0 ? "BTCUSDT" : "ETHUSDT");
    }

    private SignalSource Route(ModelAvailability a, float[] probs, float[] features, out Signal s, int symbol = 0) =>
        _router.Route(symbol, a, probs, features, new DecisionStamp(1, 2, 3), out s);

    [Fact]
    public void Healthy_model_drives_the_signal_and_nothing_is_logged()
    {
        Assert.Equal(SignalSource.Model, Route(ModelAvailability.Healthy, [0.1f, 0.1f, 0.8f], Bearish, out var s));
        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(0, _router.Switches);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void Fallback_direction_routing_takes_the_rule_based_direction_whatever_the_model_says_and_is_not_a_switch()
    {
        // directionSource Fallback: the model (bullish here) is healthy but the fallback's bearish row picks the side.
        Assert.Equal(SignalSource.Fallback, _router.RouteFallbackDirection(0, Bearish, new DecisionStamp(1, 2, 3), out var s));
        Assert.Equal((SignalSource.Fallback, SignalDirection.Short), (s.Source, s.Direction));
        Assert.Equal((1L, 1L, 0L, 0L), (_router.FallbackSignals, _router.ModelGatedFallbackSignals, _router.ModelSignals, _router.Switches));
        Assert.False(_router.IsOnFallback(0));
        Assert.Empty(_log.Lines); // nothing failed: no "switched to the fallback" line
        // A row the fallback cannot score: Flat, source None, counted as no signal.
        Assert.Equal(SignalSource.None, _router.RouteFallbackDirection(0, [], new DecisionStamp(2, 3, 4), out s));
        Assert.Equal((1L, 1L), (_router.NoSignal, _router.ModelGatedFallbackSignals));
    }

    [Fact]
    public void Fallback_engages_when_the_model_is_removed_and_the_switch_is_counted_and_logged_once()
    {
        Route(ModelAvailability.Healthy, [0.1f, 0.1f, 0.8f], Bearish, out _);

        for (int i = 0; i < 5; i++)
            Assert.Equal(SignalSource.Fallback, Route(ModelAvailability.NotLoaded, [], Bearish, out _));

        Assert.Equal(1, _router.SwitchesToFallback);
        Assert.Equal(5, _router.FallbackDecisions(ModelAvailability.NotLoaded));
        var line = Assert.Single(_log.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("BTCUSDT", line.Message);
        Assert.Contains("no model loaded", line.Message);
        Assert.True(_router.IsOnFallback(0));
    }

    [Fact]
    public void Fallback_engages_when_the_model_is_degraded_and_switches_back_when_healthy()
    {
        Route(ModelAvailability.Degraded, [0.1f, 0.1f, 0.8f], Bullish, out var s);
        Assert.Equal((SignalSource.Fallback, SignalDirection.Long), (s.Source, s.Direction));

        Route(ModelAvailability.Healthy, [0.1f, 0.1f, 0.8f], Bullish, out s);

        Assert.Equal(SignalSource.Model, s.Source);
        Assert.Equal((1, 1, 2L), (_router.SwitchesToFallback, _router.SwitchesToModel, _router.Switches));
        Assert.Contains("model degraded", _log.Lines[0].Message);
        Assert.Contains("back to the model", _log.Lines[1].Message);
    }

    [Fact]
    public void NaN_model_output_routes_to_the_fallback_with_its_own_reason()
    {
        Assert.Equal(SignalSource.Fallback, Route(ModelAvailability.Healthy, [float.NaN, 0.5f, 0.5f], Bearish, out var s));
        Assert.Equal(SignalDirection.Short, s.Direction);
        Assert.Equal(1, _router.FallbackDecisions(ModelAvailability.InvalidOutput));
        Assert.Equal(1, _router.SwitchesToFallback);
    }

    [Fact]
    public void Switch_keeps_the_held_direction_through_the_shared_hysteresis()
    {
        Route(ModelAvailability.Healthy, [0.1f, 0.1f, 0.8f], Bullish, out _);
        // Fallback score 0.3 is below its enter threshold but above its exit: the model's long is kept.
        Route(ModelAvailability.NotLoaded, [], FallbackSignalTests.Row(0f, 0.25f, 0.5f), out var s);
        Assert.Equal(SignalDirection.Long, s.Direction);
    }

    [Fact]
    public void Switches_are_tracked_per_symbol()
    {
        Route(ModelAvailability.NotLoaded, [], Bullish, out _, symbol: 0);
        Route(ModelAvailability.NotLoaded, [], Bullish, out _, symbol: 1);
        Route(ModelAvailability.NotLoaded, [], Bullish, out _, symbol: 1);
        Assert.Equal(2, _router.SwitchesToFallback);
        Assert.Contains(_log.Lines, l => l.Message.Contains("ETHUSDT"));
    }

    [Fact]
    public void When_neither_source_can_score_the_signal_is_flat_with_no_source()
    {
        Assert.Equal(SignalSource.None, Route(ModelAvailability.NotLoaded, [], FallbackSignalTests.Row(float.NaN, 0, 0), out var s));
        Assert.Equal(SignalDirection.Flat, s.Direction);
        Assert.Equal(1, _router.NoSignal);
    }

    [Fact]
    public void A_warming_model_gives_no_signal_and_no_fallback_guess_even_on_a_row_the_fallback_could_score()
    {
        Route(ModelAvailability.Healthy, [0.1f, 0.1f, 0.8f], Bearish, out _);

        Assert.Equal(SignalSource.None, Route(ModelAvailability.Warming, [float.NaN, float.NaN, float.NaN], Bullish, out var s));

        Assert.Equal(SignalDirection.Flat, s.Direction);
        Assert.Equal(3, s.Sequence);
        Assert.Equal(1, _router.WarmingDecisions);
        Assert.Equal(0, _router.FallbackSignals);
        Assert.Equal(0, _router.NoSignal);
        Assert.Equal(0, _router.Switches);
        Assert.False(_router.IsOnFallback(0));
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void Generator_and_fallback_must_share_the_hysteresis()
    {
        Assert.Throws<ArgumentException>(() => new SignalRouter(new SignalGenerator(new DirectionHysteresis(1, 0)),
            new FallbackSignal(FallbackSignalTests.Schema, new DirectionHysteresis(1, 0)), _log));
    }

    [Fact]
    public void Routing_allocates_nothing_in_steady_state()
    {
        float[] p = [0.1f, 0.1f, 0.8f];
        for (int i = 0; i < 100; i++)
        {
            Route(ModelAvailability.Healthy, p, Bullish, out _, symbol: 0);
            Route(ModelAvailability.Degraded, p, Bullish, out _, symbol: 1);
        }
        int lines = _log.Lines.Count;
        // Optimised up front: tier-0 code and on-stack replacement must not show up as allocations.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run(int pass)
        {
            for (int i = 0; i < 10_000; i++)
            {
                Route(ModelAvailability.Healthy, p, Bullish, out _, symbol: 0);
                Route(ModelAvailability.Degraded, p, Bullish, out _, symbol: 1);
            }
        }
        long bytes = SteadyStateAllocation.FewestBytes(Run, out int passes);
        Assert.Equal(0, bytes);
        Assert.Equal(lines, _log.Lines.Count);
        Assert.Equal(100 + 10_000 * passes, _router.FallbackSignals);
    }

    [Fact]
    public void Switching_back_and_forth_allocates_nothing_when_the_log_level_is_off()
    {
        var h = new DirectionHysteresis(2, 0);
        var router = new SignalRouter(new SignalGenerator(h), new FallbackSignal(FallbackSignalTests.Schema, h),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        float[] p = [0.1f, 0.1f, 0.8f];
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run(int pass)
        {
            for (int i = 0; i < 1000; i++)
                router.Route(0, (i & 1) == 0 ? ModelAvailability.Healthy : ModelAvailability.NotLoaded, p, Bullish, default, out _);
        }
        long bytes = SteadyStateAllocation.FewestBytes(Run, out int passes);
        Assert.Equal(0, bytes);
        Assert.Equal(1000 * passes - 1, router.Switches); // the first decision is on the model already
    }
}
