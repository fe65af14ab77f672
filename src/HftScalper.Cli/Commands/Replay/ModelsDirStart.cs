using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>The start of <c>replay --models-dir</c>: the folder's lifecycle with what it serves at start.</summary>
internal static class ModelsDirStart
{
    /// <summary>
    /// Opens the folder's lifecycle: the promoted model (manifest.json, or default.onnx, else the newest model file that
    /// passes, as a drop would) serves. Model files present of which none passes refuse the run (<see cref="InvalidDataException"/>,
    /// exit 2), as <c>--model</c> with a bad file does: the run's figures would be the fallback's, not the model's. An
    /// empty folder is no error: the fallback decides until a model is dropped.
    /// </summary>
    public static ModelLifecycle Open(string dir, ILoggerFactory logs, CanaryRows? canary, out string name)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"models folder not found: {dir}");
        var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, logs.CreateLogger("hft.models"), canary);
        if (ModelFolderStart.Load(lifecycle, out var refused) == ModelFolderStartOutcome.Refused)
        {
            lifecycle.Dispose();
            throw new InvalidDataException($"--models-dir {dir}: no model in the folder can serve ({string.Join("; ", refused.Select(r => $"{Path.GetFileName(r.Path)} refused ({r.Rejection}): {r.Message}"))}); "
                + "fix or remove the file, or pass --no-model for the fallback signal");
        }
        name = lifecycle.Host.Current is { } m
            ? $"{m.Metadata.Name} v{m.Metadata.Version} ({Path.GetFileName(m.SourcePath)}, hot reload from {dir})"
            : $"none yet (hot reload from {dir}; fallback until a model is dropped)";
        return lifecycle;
    }
}
