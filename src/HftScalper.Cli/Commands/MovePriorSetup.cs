using HftScalper.Engine.Composition;
using HftScalper.Inference.Calibration;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// Turns on the per-symbol move-prior correction for a run whose direction model asks for it (metadata
/// <c>hft.move_prior</c>, written by <c>hft train --move-prior</c>); one rule for replay and run. The run keeps the
/// setting of the model it started with (a hot-swapped model does not switch it).
/// </summary>
internal static class MovePriorSetup
{
    /// <summary><paramref name="options"/> with <see cref="PipelineOptions.MovePrior"/> set from <paramref name="direction"/>
    /// (unchanged without it); its baseline gate judges where <paramref name="gate"/> says (default: the model's own horizon).</summary>
    public static PipelineOptions Apply(ModelSession? direction, PipelineOptions options, ILogger log, GateJudging? gate = null)
    {
        gate ??= GateJudging.Own;
        if (direction is null || MovePriorServing.For(direction.Metadata, direction.Contract) is not { } own)
        {
            if (!gate.IsOwn) log.LogWarning("--gate-horizon/--gate-threshold ignored: the served model asks for no baseline gate (metadata hft.move_prior)");
            return options;
        }
        if (!gate.IsOwn && own.Options.Gate is null)
            log.LogWarning("--gate-horizon/--gate-threshold ignored: model {Name} asks for the move-prior correction without a baseline gate", direction.Metadata.Name);
        var serving = gate.Apply(own, direction.Contract);
        log.LogInformation("Move-prior correction on (model {Name}): P(move) follows each symbol's realised share at {Horizon} s, half-life {HalfLife} samples, {Prior} pseudo-samples, raise <= {Raise}",
            direction.Metadata.Name, serving.HorizonNs / 1e9, serving.Options.HalfLifeSamples, serving.Options.PriorSamples, serving.Options.MaxRaise);
        if (serving.Options.Gate is { } g)
            log.LogInformation("Baseline gate on: each symbol's realised class table after its last move serves wherever it has been right more often than the model, judged at {GateHorizon} s, threshold {GateThreshold} (half-life {HalfLife} samples, lead {Lead})",
                serving.GateHorizonNs / 1e9, serving.GateThreshold, g.HalfLifeSamples, g.Lead);
        return options with { MovePrior = serving };
    }
}
