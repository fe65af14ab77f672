using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// Config <c>symbolModels</c> of <c>hft replay</c>: symbol name to direction-model file. A named symbol is served by
/// its own model, every other one by the run's model (<c>--model</c> or the bundled one), through one
/// <see cref="SymbolModelSource"/>. Each file is loaded and checked like <c>--model</c> (a refused one is one line, exit 2).
/// </summary>
internal sealed class ReplaySymbolModels : IDisposable
{
    private readonly List<ModelSession> _sessions;
    private readonly Dictionary<string, string> _paths;

    private ReplaySymbolModels(SymbolModelSource source, List<ModelSession> sessions, Dictionary<string, string> paths)
    {
        Source = source;
        _sessions = sessions;
        _paths = paths;
    }

    /// <summary>The inference stage's model source.</summary>
    public SymbolModelSource Source { get; }

    /// <summary>Per-symbol models for this run, or null when the config names none.</summary>
    public static ReplaySymbolModels? Open(RunConfig? config, ModelSession? shared, SymbolRegistry registry, ILoggerFactory logs, ILogger log)
    {
        if (config?.SymbolModels is not { Count: > 0 } map) return null;
        if (shared is null) throw new ArgumentException($"config {config.Source}: symbolModels needs a shared model for the other symbols (--model or the bundled one; not --no-model or --models-dir)");
        var sessions = new List<ModelSession>();
        var bySymbol = new Dictionary<string, ModelSession>(StringComparer.OrdinalIgnoreCase);
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (symbol, path) in map)
            {
                var session = DecisionModel.Load(path, noModel: false, logs, log, out var name)
                    ?? throw new InvalidDataException($"config {config.Source}: symbolModels.{symbol}: no model at {path}");
                sessions.Add(session);
                bySymbol[symbol] = session;
                paths[symbol.ToUpperInvariant()] = Path.GetFullPath(path);
                log.LogInformation("Symbol {Symbol} is served by its own model {Model}", symbol.ToUpperInvariant(), name);
            }
            return new ReplaySymbolModels(new SymbolModelSource(shared, bySymbol, registry), sessions, paths);
        }
        catch
        {
            foreach (var s in sessions) s.Dispose();
            throw;
        }
    }

    /// <summary>The <c>symbolModels</c> object of <c>--json</c>: symbol to model file.</summary>
    public JsonObject Json()
    {
        var o = new JsonObject();
        foreach (var (symbol, path) in _paths) o[symbol] = path;
        return o;
    }

    /// <summary>Disposes the per-symbol sessions (the shared one belongs to the caller).</summary>
    public void Dispose()
    {
        foreach (var s in _sessions) s.Dispose();
    }
}
