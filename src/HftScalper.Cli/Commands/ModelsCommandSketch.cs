using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Simulator;
using HftScalper.Training.Export;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft models sketch FILE [DATA...]</c>: adds reference distributions for drift monitoring (<c>hft.reference</c>:
/// per-feature quantile sketches and the model's predictions) to an existing direction model, computed on the given
/// recordings (none = the training simulator with every symbol, as <c>hft train</c> without files). Only that metadata key changes: the
/// graph and every output stay byte for byte, so decisions do not change. Exit 0, or 2 on bad input.
/// </summary>
internal static class ModelsCommandSketch
{
    /// <summary>Creates the sub-verb.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Model file (.onnx), rewritten in place (metadata only)" };
        var data = new Argument<string[]>("DATA") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings of the model's training data; none = the training simulator" };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no recording is given", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Simulator seed when no recording is given", DefaultValueFactory = _ => 1 };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol(s) to follow: a name, a comma-separated list or 'all' (default: the first that decides in each input)" };
        var market = DatasetOptions.Market();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("sketch", "Add reference distributions (per-feature quantiles, prediction distribution) to a model's metadata for drift monitoring")
            { file, data, simMinutes, seed, symbol, market, json };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"model '{path}' not found");
            double minutes = parse.GetValue(simMinutes);
            if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
            var files = parse.GetValue(data) ?? [];
            var sim = SimulatorOptions.Training with { Seed = (ulong)parse.GetValue(seed), Duration = TimeSpan.FromMinutes(minutes) };
            var (reference, description) = ReferenceStamp.FromData(path, files, sim, parse.GetValue(symbol) ?? (files.Length == 0 ? "all" : null),
                DatasetOptions.MarketOf(parse.GetValue(market)), Console.Error.WriteLine);
            int bytes = System.Text.Encoding.UTF8.GetByteCount(reference.ToJson());
            if (parse.GetValue(json))
                JsonOut.Write(new JsonObject
                {
                    ["model"] = Path.GetFullPath(path), ["rows"] = reference.Rows, ["features"] = reference.Features.Count,
                    ["predictions"] = new JsonArray([.. reference.PredictionNames.Select(n => (JsonNode)n)]), ["bytes"] = bytes, ["source"] = description,
                });
            else Console.WriteLine($"{path}: reference of {reference.Features.Count} features and {reference.PredictionNames.Count} prediction columns on {reference.Rows:N0} rows ({bytes:N0} bytes in hft.reference); {description}");
            return 0;
        });
        return cmd;
    }
}
