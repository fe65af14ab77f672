using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;
using HftScalper.Trading.Signals;
using HftScalper.Tests.Shared;

namespace HftScalper.Trading.Tests.Signals;

public sealed class SignalGeneratorTests
{
    private const long Second = 1_000_000_000;
    private readonly SignalGenerator _gen = new(new DirectionHysteresis(4, cooldownNs: 2 * Second),
        new SignalGeneratorOptions { Thresholds = new(0.6f, 0.4f), MoveTicks = 2f });

    private SignalDirection Step(int symbol, float down, float flat, float up, long t)
    {
        Assert.True(_gen.FromModel(symbol, [down, flat, up], new DecisionStamp(t, t + 5, t / Second), out var s));
        return s.Direction;
    }

    [Fact]
    public void Enters_long_only_when_up_probability_reaches_the_enter_threshold()
    {
        Assert.Equal(SignalDirection.Flat, Step(0, 0.2f, 0.21f, 0.59f, 0));
        Assert.Equal(SignalDirection.Long, Step(0, 0.2f, 0.2f, 0.6f, 1));
    }

    [Fact]
    public void Holds_inside_the_band_and_exits_below_the_exit_threshold()
    {
        Step(0, 0.1f, 0.1f, 0.8f, 0);
        Assert.Equal(SignalDirection.Long, Step(0, 0.3f, 0.3f, 0.4f, 1));   // 0.4 >= exit: held
        Assert.Equal(SignalDirection.Flat, Step(0, 0.3f, 0.31f, 0.39f, 2)); // below exit: out
        Assert.Equal(1, _gen.Hysteresis.Entries);
        Assert.Equal(1, _gen.Hysteresis.Exits);
    }

    [Fact]
    public void Cool_down_blocks_reentry_until_enough_exchange_time_has_passed()
    {
        Step(1, 0.7f, 0.2f, 0.1f, 10 * Second);                                          // short
        Assert.Equal(SignalDirection.Flat, Step(1, 0.3f, 0.4f, 0.3f, 10 * Second + 1));  // exit always allowed
        Assert.Equal(SignalDirection.Flat, Step(1, 0.1f, 0.1f, 0.8f, 12 * Second));      // 2 s - 1 ns after the exit
        Assert.Equal(SignalDirection.Long, Step(1, 0.1f, 0.1f, 0.8f, 12 * Second + 1));  // exactly 2 s: allowed
        Assert.Equal(1, _gen.Hysteresis.SuppressedByCooldown);
    }

    [Fact]
    public void Flip_inside_the_cool_down_becomes_flat_and_the_flip_comes_after_it()
    {
        Step(0, 0.1f, 0.1f, 0.8f, 0);
        Assert.Equal(SignalDirection.Flat, Step(0, 0.8f, 0.1f, 0.1f, Second));
        Assert.Equal(SignalDirection.Flat, Step(0, 0.8f, 0.1f, 0.1f, 2 * Second));
        Assert.Equal(SignalDirection.Short, Step(0, 0.8f, 0.1f, 0.1f, 3 * Second));
        Assert.Equal(0, _gen.Hysteresis.Flips);
    }

    [Fact]
    public void Flip_after_the_cool_down_goes_straight_to_the_other_side()
    {
        Step(0, 0.1f, 0.1f, 0.8f, 0);
        Assert.Equal(SignalDirection.Short, Step(0, 0.7f, 0.1f, 0.2f, 5 * Second));
        Assert.Equal(1, _gen.Hysteresis.Flips);
    }

    [Fact]
    public void Symbols_keep_their_own_state_and_thresholds()
    {
        _gen.SetThresholds(2, new SignalThresholds(0.9f, 0.5f));
        Assert.Equal(SignalDirection.Long, Step(0, 0.1f, 0.2f, 0.7f, 0));
        Assert.Equal(SignalDirection.Flat, Step(2, 0.1f, 0.2f, 0.7f, 0));
        Assert.Equal(SignalDirection.Long, Step(0, 0.1f, 0.4f, 0.5f, 1));
        Assert.Equal(SignalDirection.Flat, Step(3, 0.1f, 0.4f, 0.5f, 1));
    }

    [Fact]
    public void Confidence_and_edge_come_from_normalised_probabilities()
    {
        // Unnormalised scores (no softmax): 1, 1, 6 -> 0.125, 0.125, 0.75.
        Assert.True(_gen.FromModel(0, [1f, 1f, 6f], new DecisionStamp(7, 9, 42), out var s));

        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(SignalSource.Model, s.Source);
        Assert.Equal(0.75f, s.Confidence, 5);
        Assert.Equal((0.75f - 0.125f) * 2f, s.ExpectedEdgeTicks, 5);
        Assert.Equal((0, 7L, 9L, 42L), (s.SymbolId, s.TimeNs, s.EventLocalTimeNs, s.Sequence));
    }

    [Theory]
    [InlineData(float.NaN, 0.3f, 0.3f)]
    [InlineData(0.3f, float.PositiveInfinity, 0.3f)]
    [InlineData(-0.1f, 0.5f, 0.6f)]
    [InlineData(0f, 0f, 0f)]
    public void Unusable_probabilities_are_refused_and_counted_without_touching_state(float down, float flat, float up)
    {
        Step(0, 0.1f, 0.1f, 0.8f, 0);

        bool ok = _gen.FromModel(0, [down, flat, up], new DecisionStamp(1, 1, 1), out var s);

        Assert.False(ok);
        Assert.Equal((SignalDirection.Flat, SignalSource.None), (s.Direction, s.Source));
        Assert.Equal(1, _gen.InvalidInputs);
        Assert.Equal(SignalDirection.Long, _gen.Hysteresis.Current(0));
    }

    [Fact]
    public void Symbol_out_of_range_or_short_row_is_refused()
    {
        Assert.False(_gen.FromModel(4, [0.1f, 0.1f, 0.8f], default, out _));
        Assert.False(_gen.FromModel(-1, [0.1f, 0.1f, 0.8f], default, out _));
        Assert.False(_gen.FromModel(0, [0.1f, 0.9f], default, out _));
        Assert.Equal(3, _gen.InvalidInputs);
    }

    [Fact]
    public void Scores_are_read_at_the_direction_contracts_canonical_columns()
    {
        var gen = new SignalGenerator(new DirectionHysteresis(1, 0));
        var row = new float[DirectionContract.Count];
        row[DirectionContract.Down] = 0.1f;
        row[DirectionContract.Flat] = 0.1f;
        row[DirectionContract.Up] = 0.8f;
        Assert.True(gen.FromModel(0, row, default, out var s));
        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(0.8f, s.Confidence);
    }

    [Fact]
    public void Thresholds_without_a_band_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SignalGenerator(new DirectionHysteresis(1, 0),
            new SignalGeneratorOptions { Thresholds = new(0.4f, 0.6f) }));
    }

    [Fact]
    public void Steady_state_allocates_nothing()
    {
        float[] row = [0.2f, 0.3f, 0.5f];
        // Optimised up front: tier-0 code and on-stack replacement must not show up as allocations.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run(long t0)
        {
            for (int i = 0; i < 10_000; i++)
            {
                row[2] = (i % 7) / 7f;
                _gen.FromModel(i & 3, row, new DecisionStamp(t0 + i * 1000L, i, i), out _);
            }
        }
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(pass => Run(pass * 1_000_000_000_000L)));
    }
}
