using HftScalper.Cli.Commands;
using HftScalper.Inference.Calibration;

namespace HftScalper.Cli.Tests;

/// <summary><c>hft train --move-prior</c> / <c>--gate</c>: what the model is asked to be served with (<c>hft.move_prior</c>).</summary>
public sealed class TrainServingAdaptationTests
{
    [Fact]
    public void Neither_flag_asks_for_nothing_and_the_move_prior_alone_keeps_its_documented_settings()
    {
        Assert.Null(TrainCommand.ServingAdaptation(movePrior: false, gate: false));
        Assert.Equal(new MovePriorOptions(), TrainCommand.ServingAdaptation(movePrior: true, gate: false));
    }

    [Fact]
    public void The_gate_alone_turns_the_correction_off_and_with_the_prior_keeps_both()
    {
        var gateOnly = TrainCommand.ServingAdaptation(movePrior: false, gate: true)!;
        var both = TrainCommand.ServingAdaptation(movePrior: true, gate: true)!;

        Assert.Equal(0, gateOnly.MaxOffset);
        Assert.Equal(0, gateOnly.MaxRaise);
        Assert.Equal(new BaselineGateOptions(), gateOnly.Gate);
        Assert.Equal(new MovePriorOptions().MaxOffset, both.MaxOffset);
        Assert.Equal(new BaselineGateOptions(), both.Gate);
    }

    [Fact]
    public void A_cold_offset_rides_with_the_move_prior_and_is_refused_without_it_or_out_of_range()
    {
        var cold = TrainCommand.ServingAdaptation(movePrior: true, gate: true, coldOffset: -0.5)!;

        Assert.Equal(-0.5, cold.ColdOffset);
        Assert.Equal(new BaselineGateOptions(), cold.Gate);
        Assert.Equal(0, TrainCommand.ServingAdaptation(movePrior: true, gate: true)!.ColdOffset);
        Assert.Contains("needs --move-prior", Assert.Throws<ArgumentException>(() => TrainCommand.ServingAdaptation(false, true, -0.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrainCommand.ServingAdaptation(true, false, 0.5)); // a raise: MaxRaise is 0
    }

    [Fact]
    public void Fading_rides_with_the_move_prior_and_is_refused_without_it()
    {
        var faded = TrainCommand.ServingAdaptation(movePrior: true, gate: true, coldOffset: -2, fades: true)!;

        Assert.True(faded.PriorFades);
        Assert.Equal(-2, faded.ColdOffset);
        Assert.False(TrainCommand.ServingAdaptation(movePrior: true, gate: true, coldOffset: -2)!.PriorFades);
        Assert.Contains("--move-prior-fades needs --move-prior",
            Assert.Throws<ArgumentException>(() => TrainCommand.ServingAdaptation(false, true, fades: true)).Message, StringComparison.Ordinal);
    }
}
