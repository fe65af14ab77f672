using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace HftScalper.Cli.Contract;

/// <summary>The "Examples:" section at the end of every verb's <c>--help</c>: command lines that run as written.</summary>
internal static class Examples
{
    private static readonly Dictionary<string, string[]> ByVerb = new(StringComparer.Ordinal)
    {
        [""] =
        [
            "hft replay                                   # the main job: simulator + bundled model",
            "hft replay --json                            # one JSON object on stdout",
            "hft book-check btcusdt_20240808.gz --json",
            "hft replay --help                            # every verb has --help",
        ],
        ["env"] = ["hft env", "hft env --json"],
        ["convert"] =
        [
            "hft convert btcusdt_20240808.gz btcusdt_20240809.gz --out data/journal",
            "hft convert data/journal --out data/events --to events --json",
        ],
        ["record"] =
        [
            "hft record --symbols btcusdt,ethusdt --out data/journal --duration 10m",
            "hft record --symbols btcusdt --out /tmp/journal --url ws://127.0.0.1:5000 --duration 30s --json",
        ],
        ["run"] =
        [
            "hft run --symbols btcusdt --mode paper --duration 10m     # paper trading on Binance's live feed",
            "hft run --symbols btcusdt,ethusdt --market usdm --mode paper --json",
            "hft run --symbols btcusdt --mode paper --url ws://127.0.0.1:5000 --duration 30s --no-model",
        ],
        ["replay"] =
        [
            "hft replay                                   # 10 simulated minutes, bundled model",
            "hft replay --sim-minutes 2 --seed 7 --json",
            "hft replay data/journal --report out/run1    # index.html + summary.json",
            "hft replay btcusdt_20240808.gz --no-model --topology threaded",
            "hft replay --models-dir models --metrics-port 0",
        ],
        ["book-check"] =
        [
            "hft book-check btcusdt_20240808.gz btcusdt_20240809.gz --json",
            "hft book-check futures.gz --market usdm",
        ],
        ["simulate"] =
        [
            "hft simulate --sim-minutes 10 --seed 1 --out data/sim.gz",
            "hft simulate --symbols btcusdt,ethusdt --out data/two.gz --json",
        ],
        ["features"] =
        [
            "hft features --out /tmp/features.parquet",
            "hft features btcusdt_20240808.gz --every 1s --model models/default.onnx --out /tmp/btc.parquet",
        ],
        ["models"] = ["hft models list", "hft models promote /tmp/next.onnx", "hft models rollback"],
        ["models list"] = ["hft models list", "hft models list --dir models --json"],
        ["models validate"] = ["hft models validate /tmp/next.onnx", "hft models validate /tmp/next.onnx --budget-us 500 --json"],
        ["models promote"] = ["hft models promote /tmp/next.onnx", "hft models promote /tmp/next.onnx --shadow"],
        ["models rollback"] = ["hft models rollback", "hft models rollback --dir models --json"],
        ["models import"] =
        [
            "hft models import /tmp/model.onnx --features /tmp/features.parquet   # the Parquet of hft features gives the column order",
            "hft models import /tmp/model.onnx --features columns.txt --name py-mlp --promote --json",
        ],
        ["config"] = ["hft config init", "hft config show", "hft config validate hft.json"],
        ["config init"] = ["hft config init", "hft config init --out /tmp/hft.json --force"],
        ["config show"] = ["hft config show", "HFT_SEED=7 hft config show --json"],
        ["config validate"] = ["hft config validate", "hft config validate /tmp/hft.json --json"],
        ["config schema"] = ["hft config schema > hft.schema.json"],
        ["train"] =
        [
            "hft train --out /tmp/model.onnx                          # simulator, seed 1",
            "hft train btcusdt_20240808.gz --horizon 10s --budget 0 --out /tmp/btc.onnx",
            "hft train btcusdt_20240808.gz --until 1723161428240000000 --out /tmp/first-half.onnx   # held out from there on",
            "hft train --force --move-offset 0.5 --move-prior --gate   # rebuild the bundled models/default.onnx",
        ],
        ["journal"] = ["hft journal orders /tmp/orders", "hft journal orders /tmp/orders --json"],
        ["journal orders"] =
        [
            "hft run --symbols btcusdt --mode paper --duration 1m --journal /tmp/orders && hft journal orders /tmp/orders",
            "hft replay --orders-journal /tmp/orders && hft journal orders /tmp/orders --json",
        ],
        ["evaluate"] =
        [
            "hft evaluate --model models/default.onnx --horizon 2s,5s,10s --json",
            "hft evaluate --model /tmp/btc.onnx btcusdt_20240809.gz",
        ],
        ["data"] = ["hft data download --market usdm --kind bookTicker --symbol BTCUSDT --from 2024-01-01 --to 2024-01-03"],
        ["data download"] =
        [
            "hft data download --market usdm --kind bookTicker --symbol BTCUSDT --from 2024-01-01 --to 2024-01-03",
            "hft data download --kind aggTrades --period monthly --symbol BTCUSDT,ETHUSDT --from 2024-01 --to 2024-03 --json",
            "hft data download --kind klines --interval 1h --symbol BTCUSDT --from 2024-01-01 --out /tmp/vision",
        ],
        ["calibrate"] =
        [
            "hft calibrate                                            # the simulator, 10 min, seed 1",
            "hft calibrate btcusdt_20240808.gz --json",
        ],
    };

    /// <summary>The examples of a verb path (<c>replay</c>, <c>models list</c>; empty string = the root).</summary>
    public static IReadOnlyList<string> For(string verb) => ByVerb.GetValueOrDefault(verb) ?? [];

    /// <summary>Adds the examples section to the help of <paramref name="root"/> and every verb under it.</summary>
    public static void Apply(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var paths = new Dictionary<Command, string>();
        Walk(root, "", paths);
        var help = root.Options.OfType<HelpOption>().FirstOrDefault();
        if (help?.Action is HelpAction action) help.Action = new WithExamples(action, paths);
    }

    private static void Walk(Command command, string path, Dictionary<Command, string> paths)
    {
        paths[command] = path;
        foreach (var sub in command.Subcommands) Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", paths);
    }

    // System.CommandLine's help, then the examples of the verb it described.
    private sealed class WithExamples(HelpAction help, Dictionary<Command, string> paths) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int exit = help.Invoke(parseResult);
            var examples = paths.TryGetValue(parseResult.CommandResult.Command, out var path) ? For(path) : [];
            if (examples.Count == 0) return exit;
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var e in examples) output.WriteLine($"  {e}");
            output.WriteLine();
            return exit;
        }
    }
}
