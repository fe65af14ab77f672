using System.CommandLine;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft models list|validate FILE [--role direction|return]|promote FILE|rollback|import FILE [--dir DIR] [--json]</c>: the model registry of a models
/// folder (see <see cref="ModelManifest"/> for <c>manifest.json</c>). <c>promote</c> and <c>rollback</c> validate the
/// model against the engine's feature schema on canary rows first and then only rewrite the manifest: a running
/// engine watching the folder follows it and swaps. Exit 0 on success, 3 when a model is refused or there is
/// nothing to roll back to, 2 on bad input.
/// </summary>
internal static class ModelsCommand
{
    /// <summary>Exit code when validation refused the model (or rollback had no previous model).</summary>
    public const int Refused = 3;

    /// <summary>Creates the verb and its sub-verbs.</summary>
    public static Command Create()
    {
        var cmd = new Command("models", "List, validate, promote and roll back models in a models folder (hot-reloaded by a running engine)");
        cmd.Subcommands.Add(Sub("list", "Show the promoted model, its history, the shadow candidate and every model file", withFile: false,
            (a, _) => ModelsCommandList.Run(a)));
        cmd.Subcommands.Add(Sub("validate", "Check a model file against the engine's feature schema on canary rows (nothing changes)", withFile: true,
            (a, log) => ModelsCommandChange.Validate(a, log)));
        cmd.Subcommands.Add(Sub("promote", "Validate a model file and record it as promoted (or as the shadow candidate with --shadow)", withFile: true,
            (a, log) => ModelsCommandChange.Promote(a, log)));
        cmd.Subcommands.Add(Sub("rollback", "Validate the previous promoted model and restore it", withFile: false,
            (a, log) => ModelsCommandChange.Rollback(a, log)));
        cmd.Subcommands.Add(ModelsCommandImport.Create());
        cmd.Subcommands.Add(ModelsCommandSketch.Create());
        return cmd;
    }

    private static Command Sub(string name, string description, bool withFile, Func<ModelsArgs, ILogger, int> run)
    {
        var dir = new Option<string?>("--dir") { Description = "Models folder (default: the folder of the bundled models/default.onnx, else ./models)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var budget = new Option<double>("--budget-us") { Description = "Median single-row latency allowed, µs", DefaultValueFactory = _ => 1000 };
        var simSeconds = new Option<double>("--canary-seconds") { Description = "Simulated market seconds replayed for canary feature rows", DefaultValueFactory = _ => 60 };
        var shadow = new Option<bool>("--shadow") { Description = "promote, import: record as the shadow candidate instead of live" };
        var role = new Option<string>("--role") { Description = "validate: the role the model must fit: direction (classifier down/flat/up, default) | return (regressor)", DefaultValueFactory = _ => "direction" };
        var file = new Argument<string>("FILE") { Description = "Model file (.onnx)" };
        var cmd = new Command(name, description) { dir, json };
        if (withFile) { cmd.Arguments.Add(file); cmd.Options.Add(budget); cmd.Options.Add(simSeconds); }
        else if (name == "rollback") { cmd.Options.Add(budget); cmd.Options.Add(simSeconds); }
        if (name == "promote") cmd.Options.Add(shadow);
        if (name == "validate") cmd.Options.Add(role);
        cmd.SetAction(parse =>
        {
            var args = new ModelsArgs(ResolveDir(parse.GetValue(dir)), withFile ? parse.GetValue(file) : null, parse.GetValue(json),
                parse.GetValue(budget), parse.GetValue(simSeconds), parse.GetValue(shadow), name == "validate" ? ParseRole(parse.GetValue(role)) : ModelRole.Direction);
            using var logs = CliLogging.Create(args.Json ? LogLevel.Warning : LogLevel.Information);
            return run(args, logs.CreateLogger("hft.models"));
        });
        return cmd;
    }

    internal static string ResolveDir(string? dir)
    {
        if (dir is not null) return Path.GetFullPath(dir);
        var bundled = ModelPaths.FindDefault();
        return bundled is not null ? Path.GetDirectoryName(bundled)! : Path.GetFullPath("models");
    }

    private static ModelRole ParseRole(string? role) => role?.ToLowerInvariant() switch
    {
        "direction" => ModelRole.Direction,
        "return" => ModelRole.Return,
        _ => throw new ArgumentException($"--role must be direction or return, not '{role}'"),
    };

    internal static ModelValidator Validator(ModelsArgs a, ILogger log)
    {
        Core.Settings.SettingRange.CheckPositive("--budget-us", a.BudgetMicros, 60_000_000);
        return new(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(8),
            new ModelValidationOptions { LatencyBudget = TimeSpan.FromMicroseconds(a.BudgetMicros), Role = a.Role }, log);
    }
}

/// <summary>Parsed options shared by the <c>models</c> sub-verbs (<paramref name="Role"/>: what <c>validate</c> checks the model for; promote and rollback serve direction models).</summary>
internal sealed record ModelsArgs(string Dir, string? File, bool Json, double BudgetMicros, double CanarySeconds, bool Shadow, ModelRole Role = ModelRole.Direction);
