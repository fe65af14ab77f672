using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Simulator;
using HftScalper.Training.Calibration;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft calibrate [FILE...] [--market M] [--symbol S|all] [--sample 250ms] [--sim-minutes 10] [--seed 1] [--latent-value] [--json]</c>:
/// measures what predicts what (<see cref="PredictiveStatistics"/>) on recordings, or on the simulator when no file
/// is given, through the same feature replay that training uses: signal rank correlations with the future mid,
/// return autocorrelation, flat share and the mid after a sweep. Run it on a real recording and on the simulator to
/// compare the two (the simulator's calibration table).
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings; none = the market simulator with --seed" };
        var sample = new Option<string>("--sample") { Description = "Sampling clock of exchange time", DefaultValueFactory = _ => "250ms" };
        var seed = new Option<int>("--seed") { Description = "Simulator seed when no file is given", DefaultValueFactory = _ => 1 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 10 };
        var symbols = new Option<string?>("--sim-symbols") { Description = "Simulated symbols (comma-separated) when no file is given", DefaultValueFactory = _ => "btcusdt" };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol(s) to follow: a name, a comma-separated list or 'all' (default: the first that decides in each input)" };
        var market = DatasetOptions.Market();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var latentValue = SimulateCommand.LatentValueOption();
        var cmd = new Command("calibrate", "Measure what predicts the future mid (imbalance, order flow, trade flow, microprice, autocorrelation, sweeps, flat share) on recordings or the simulator")
            { files, sample, seed, simMinutes, symbols, symbol, market, json, latentValue };
        cmd.SetAction(parse =>
        {
            double minutes = parse.GetValue(simMinutes);
            if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
            long interval = TrainCommandArgs.ParseNs(parse.GetValue(sample) ?? "250ms");
            var sim = SimulateCommand.WithLatentValue(SimulatorOptions.For(parse.GetValue(symbols) ?? "btcusdt", TimeSpan.FromMinutes(minutes), (ulong)parse.GetValue(seed)), parse.GetValue(latentValue));
            var recordings = parse.GetValue(files) ?? [];
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var data = ReplayDataset.Build(recordings, sim, interval, parse.GetValue(symbol), DatasetOptions.MarketOf(parse.GetValue(market)), Console.Error.WriteLine);
            // Nothing measured is an input error (exit 2), as in evaluate: not a table of nulls with exit 0.
            if (data.Samples.Rows == 0) throw new InvalidDataException(data.NoSamplesMessage);
            var pooled = PredictiveStatistics.Measure(data);
            var per = data.Segments.Count < 2 ? [] : data.Segments.Select(s => PredictiveStatistics.Measure([s], data.Schema, $"{s.Symbol} [{s.Input?.MarketName ?? "sim"}]")).ToList();
            if (parse.GetValue(json))
            {
                var o = pooled.ToJson();
                o["segments"] = new JsonArray([.. per.Select(p => (JsonNode)p.ToJson())]);
                o["source"] = JsonShapes.Source(recordings, sim, data.Description);
                o["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
                JsonOut.Write(o);
            }
            else
            {
                Console.WriteLine(data.Description);
                foreach (var line in pooled.Lines()) Console.WriteLine(line);
                foreach (var p in per)
                    foreach (var line in p.Lines()) Console.WriteLine(line);
            }
            return 0;
        });
        return cmd;
    }
}
