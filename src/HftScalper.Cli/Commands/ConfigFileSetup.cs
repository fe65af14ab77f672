using System.CommandLine;
using HftScalper.Binance.Sync;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands;

/// <summary>
/// The <c>--config FILE</c> of <c>hft replay</c> and <c>hft run</c> (<see cref="RunConfig"/>): one option, one path from
/// the file to the pipeline's options. The market's own defaults come first, the file's members override them (checked,
/// each error naming the file and the key), and the command line overrides the file where a flag says the same thing
/// (<c>--topology</c>, <c>--gate-horizon</c>, <c>--gate-threshold</c>).
/// </summary>
internal static class ConfigFileSetup
{
    /// <summary>The option, described alike on every verb (one key <c>config</c> in <c>hft.json</c> and its schema).</summary>
    public static Option<string?> Option() => new("--config") { Description = "JSON file overriding pipeline, risk, fee and latency settings" };

    /// <summary>Reads <paramref name="path"/> (null: no file); a missing or malformed file is an error naming it.</summary>
    public static RunConfig? Load(string? path) => path is null ? null : RunConfig.Load(path);

    /// <summary>
    /// Refuses the sections only <c>hft replay</c> serves (<c>symbolModels</c>, <c>online.enabled</c>) in a <c>hft run</c>
    /// file: a live run trading with another model than the file names would be a silent surprise, so it does not start.
    /// </summary>
    public static void RefuseReplayOnly(RunConfig? config)
    {
        if (config is null) return;
        if (config.SymbolModels is { Count: > 0 })
            throw new ArgumentException($"config {config.Source}: symbolModels are served by hft replay only; hft run trades every symbol with --model (remove the section)");
        if (config.Online is { Enabled: true })
            throw new ArgumentException($"config {config.Source}: online.enabled is hft replay's (--online); hft run does not learn online (remove it or set it false)");
    }

    /// <summary>
    /// The options of a run on <paramref name="venue"/>: the market's default fee tier (VIP 0), then
    /// <paramref name="config"/>'s overrides, checked; a venue whose fees the engine does not know trades only when the file
    /// states them (<see cref="VenueFees"/>).
    /// </summary>
    public static PipelineOptions Options(RunConfig? config, DepthSyncRule rule, string venue)
    {
        var options = ReplayCommand.MarketDefaults(new PipelineOptions { SyncRule = rule, Venue = venue });
        return VenueFees.Require(config is null ? options : config.Apply(options), config);
    }
}
