using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Training.Evaluation;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft evaluate --model M [FILE...] [--horizon 10s] [--json]</c>: replays held-out recordings (none = the simulator
/// with seed 2, which the default model never saw) through the feature pipeline, scores the model with ONNX Runtime
/// and reports per horizon: accuracy, accuracy where the price moved, macro-F1, per-class recall, log-loss and
/// calibration, beside the majority-class and persistence baselines, with sample counts.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Direction model (.onnx)", Required = true };
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Held-out recordings; none = the simulator with --seed" };
        var horizon = new Option<string[]>("--horizon") { Description = "Horizon(s), e.g. 10s (repeat or comma-separate); default: the model's", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<string?>("--threshold") { Description = "Move threshold (default: the model's labelling)" };
        var sample = new Option<string?>("--sample") { Description = "Sampling clock (default: the model's labelling)" };
        var seed = new Option<int>("--seed") { Description = "Simulator seed when no file is given", DefaultValueFactory = _ => 2 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 30 };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol to follow (default: the first that decides)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var strict = InputDamageReport.StrictOption();
        var cmd = new Command("evaluate", "Evaluate a direction model on held-out data beside majority and persistence baselines")
            { model, files, horizon, threshold, sample, seed, simMinutes, symbol, json, strict };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"model '{path}' not found");
            double minutes = parse.GetValue(simMinutes);
            if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
            var horizons = (parse.GetValue(horizon) ?? []).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(h => TimeSpan.FromTicks(TrainCommandArgs.ParseNs(h) / 100)).ToList();
            var t = parse.GetValue(threshold) is { } ts ? MoveThreshold.Parse(ts) : (MoveThreshold?)null;
            long? interval = parse.GetValue(sample) is { } ss ? TrainCommandArgs.ParseNs(ss, allowZero: true) : null;
            var sim = SimulatorOptions.Default with { Seed = (ulong)parse.GetValue(seed), Duration = TimeSpan.FromMinutes(minutes) };
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var (data, results) = EvaluationJob.Run(path, parse.GetValue(files) ?? [], sim, horizons, t, interval, parse.GetValue(symbol), Console.Error.WriteLine);
            var per = new JsonArray();
            foreach (var (h, m) in results)
            {
                var o = m.ToJson();
                o["horizonSeconds"] = h.TotalSeconds;
                per.Add(o);
            }
            var first = results[0].Metrics.ToJson();
            first["horizonSeconds"] = results[0].Horizon.TotalSeconds;
            first["horizons"] = per;
            first["model"] = JsonShapes.Model(path, EvaluationJob.ReadMetadata(path));
            first["source"] = JsonShapes.Source(parse.GetValue(files) ?? [], sim, data.Description);
            first["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
            first["symbol"] = data.Symbol;
            InputDamageReport.Report("evaluate", data.InputDamage, first);
            if (parse.GetValue(json)) JsonOut.Write(first);
            else
            {
                Console.WriteLine($"model {path} on {data.Description} ({data.Symbol})");
                foreach (var (h, m) in results) Console.WriteLine($"horizon {h.TotalSeconds:0.###} s: {m.Summary()}");
            }
            return InputDamageReport.ExitCode(0, data.InputDamage, parse.GetValue(strict));
        });
        return cmd;
    }
}
