using HftScalper.Cli.Commands.Replay;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>The direction model a run (replay or live) decides with: one rule for both verbs.</summary>
internal static class DecisionModel
{
    /// <summary>
    /// Loads <paramref name="model"/>, or the bundled default when it is null; null = the rule-based fallback. The default
    /// is optional (a fresh machine may not have it yet, or it may not fit this engine: logged, fallback); an explicit
    /// model that does not fit the direction role is refused with one line and exit 2.
    /// </summary>
    public static ModelSession? Load(string? model, bool noModel, ILoggerFactory logs, ILogger log, out string name)
    {
        name = "fallback (no model)";
        if (noModel) return null;
        string? path = model ?? ModelPaths.FindDefault();
        if (path is null)
        {
            log.LogWarning("No model given and no bundled models/{File} found: every decision uses the rule-based fallback signal", ModelPaths.DefaultFile);
            return null;
        }
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, TreeServing.Options(), logs.CreateLogger("hft.model"));
        ModelSession? session;
        if (model is not null)
        {
            try { session = loader.Load(path, ModelRole.Direction); }
            catch (ModelLoadException e) { throw new InvalidDataException(e.Message, e); }
        }
        else if (!loader.TryLoad(path, ModelRole.Direction, out session, out var error))
        {
            log.LogError("Bundled model {Path} refused ({Error}): every decision uses the rule-based fallback signal", path, error);
            return null;
        }
        session!.Warmup();
        name = $"{session.Metadata.Name} v{session.Metadata.Version} ({Path.GetFileName(path)}, {session.ExecutionProvider})";
        log.LogInformation("Model {Name}", name);
        return session;
    }
}
