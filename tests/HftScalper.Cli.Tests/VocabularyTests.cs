using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// One vocabulary across verbs: camelCase keys, <c>symbols</c> an array, <c>source</c> and <c>model</c> objects,
/// elapsed wall time as <c>elapsedSeconds</c>, <c>--seed</c> wherever the simulator runs, and replay's
/// <c>summary.json</c> equal to its <c>--json</c> object. Runs the real verbs on small simulated inputs.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class VocabularyTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private static JsonObject Json(params string[] args)
    {
        var run = Hft.Run(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        SharedShapes(o, run);
        return o;
    }

    // The shapes every verb shares, wherever the key appears.
    private static void SharedShapes(JsonNode? node, HftRun run, string path = "")
    {
        if (node is JsonArray a)
        {
            foreach (var item in a) SharedShapes(item, run, path + "[]");
            return;
        }
        if (node is not JsonObject o) return;
        foreach (var (key, value) in o)
        {
            string at = $"{path}.{key}";
            // Symbol names are data, not keys (BTCUSDT under symbolStates, ETHBTC under untradedReasons).
            if (!path.EndsWith(".symbolStates", StringComparison.Ordinal) && !path.EndsWith(".untradedReasons", StringComparison.Ordinal))
                Assert.True(char.IsLower(key[0]), $"key {at} is not camelCase:\n{run}");
            Assert.False(key.StartsWith("elapsed", StringComparison.Ordinal) && key != "elapsedSeconds", $"{at}: elapsed time must be elapsedSeconds:\n{run}");
            if (path.Length == 0 && key == "symbols") Assert.True(value is JsonArray, $"{at} must be an array:\n{run}");
            if (path.Length == 0 && key is "source" or "model") Assert.True(value is JsonObject, $"{at} must be an object:\n{run}");
            if (key == "elapsedSeconds") Assert.True(value is JsonValue v && v.TryGetValue<double>(out _), $"{at} must be a number:\n{run}");
            SharedShapes(value, run, at);
        }
    }

    [Fact]
    public void Replay_takes_a_seed_and_its_summary_json_is_the_json_object()
    {
        var o = Json("replay", "--sim-minutes", "0.2", "--seed", "3", "--no-model", "--quiet", "--json", "--report", In("report"));
        var source = o["source"]!.AsObject();
        Assert.Equal("simulator", (string?)source["kind"]);
        Assert.Equal(3UL, (ulong?)source["seed"]);
        Assert.Equal("fallback", (string?)o["model"]!["kind"]);
        Assert.All(o["riskVerdicts"]!.AsObject(), kv => Assert.True(char.IsLower(kv.Key[0]), kv.Key));
        var summary = JsonNode.Parse(File.ReadAllText(In(Path.Combine("report", "summary.json"))));
        Assert.True(JsonNode.DeepEquals(o, summary), "summary.json differs from the --json object");

        var seed1 = Json("replay", "--sim-minutes", "0.2", "--no-model", "--quiet", "--json");
        Assert.NotEqual((string?)o["digest"], (string?)seed1["digest"]);
    }

    [Fact]
    public void Simulate_convert_book_check_and_features_share_the_shapes()
    {
        var sim = Json("simulate", "--sim-minutes", "0.2", "--seed", "2", "--out", In("sim.gz"), "--json");
        Assert.Equal("BTCUSDT", (string?)sim["symbols"]![0], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(0.2, (double?)sim["simMinutes"]);

        var convert = Json("convert", In("sim.gz"), "--out", In("journal"), "--json");
        Assert.Equal("files", (string?)convert["source"]!["kind"]);
        Assert.Equal(In("sim.gz"), (string?)convert["source"]!["files"]![0]);

        var check = Json("book-check", In("sim.gz"), "--json");
        Assert.Equal("BTCUSDT", (string?)check["symbols"]![0]);
        Assert.Equal("files", (string?)check["source"]!["kind"]);

        var features = Json("features", "--sim-minutes", "0.1", "--seed", "2", "--out", In("f.parquet"), "--json");
        Assert.Equal(2UL, (ulong?)features["source"]!["seed"]);
    }
}
