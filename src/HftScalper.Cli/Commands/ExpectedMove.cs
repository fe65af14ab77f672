using HftScalper.Cli.Commands.Replay;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// Where a run's expected move comes from (risk's expected-value gate), one rule for replay and run: a return
/// regressor in bps (<c>--return-model</c>, else <c>NAME.return.onnx</c> beside the direction model) is preferred;
/// else the class-conditional mean moves in the direction model's metadata (<c>sum_k P(k) x mean_k</c>); else none,
/// and entries are not EV-gated (one log line says so). A regressor in price units (older ones) is refused for EV
/// with one log line.
/// </summary>
internal static class ExpectedMove
{
    /// <summary>
    /// Sets the class means and the horizon of <paramref name="options"/> from <paramref name="direction"/> (null = no
    /// model: nothing to gate) and loads the regressor; returns its source (null = none; dispose it with the run) and
    /// the options to run with. <paramref name="directionPath"/> is the direction model's file (for the regressor
    /// beside it); <paramref name="returnModel"/> an explicit regressor.
    /// </summary>
    public static ReturnModelSource? Setup(ModelSession? direction, string? directionPath, string? returnModel, ref PipelineOptions options,
        ILoggerFactory logs, ILogger log)
    {
        if (direction is null)
        {
            if (returnModel is not null) log.LogWarning("--return-model {Path} is not used: there is no direction model", returnModel);
            return null;
        }
        var md = direction.Metadata;
        options = options with
        {
            Trading = options.Trading with { ClassMeanMoveBps = md.ClassMeanMoveBps, HorizonNs = (long)direction.Contract.Horizon.TotalNanoseconds },
        };
        var source = LoadRegressor(directionPath, returnModel, logs, log);
        if (source is not null)
            log.LogInformation("Expected-value gate: expected move from the return regressor {Name} (bps), margin {Margin} bps",
                source.Session.Metadata.Name, options.Trading.Risk.MinEdgeBps);
        else if (md.ClassMeanMoveBps is { } m)
            log.LogInformation("Expected-value gate: expected move = P(down, flat, up) x class means [{Down:0.###}, {Flat:0.###}, {Up:0.###}] bps, margin {Margin} bps",
                m[0], m[1], m[2], options.Trading.Risk.MinEdgeBps);
        else
            log.LogWarning("Expected-value gate off: model {Name} has no class mean moves (hft.class_mean_move_bps) and no bps return regressor serves beside it; entries are sized by Kelly only (retrain with hft train to gate on costs)", md.Name);
        return source;
    }

    /// <summary>The direction model's file: <paramref name="model"/>, else the bundled default (null when none).</summary>
    public static string? DirectionPath(string? model, bool noModel) => noModel ? null : model ?? ModelPaths.FindDefault();

    private static ReturnModelSource? LoadRegressor(string? directionPath, string? explicitPath, ILoggerFactory logs, ILogger log)
    {
        string? path = explicitPath ?? (directionPath is null ? null : ReturnModelPath.For(directionPath));
        if (path is null || !File.Exists(path))
        {
            if (explicitPath is not null) throw new FileNotFoundException($"--return-model: file not found: {explicitPath}");
            return null;
        }
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, TreeServing.Options(), logs.CreateLogger("hft.model"));
        if (!loader.TryLoad(path, ModelRole.Return, out var session, out var error))
        {
            if (explicitPath is not null) throw new InvalidDataException($"--return-model {path}: {error}");
            log.LogWarning("Return regressor {Path} not used for the expected move: {Error}", path, error);
            return null;
        }
        if (!ReturnModelSource.IsUsable(session!, out var why))
        {
            log.LogWarning("Return regressor {Path} not used for the expected move: {Why}", path, why);
            session!.Dispose();
            return null;
        }
        session!.Warmup();
        return new ReturnModelSource(session);
    }
}
