using System.Text.Json.Nodes;
using HftScalper.Cli.Contract;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// One layered configuration for every verb: the file (HFT_CONFIG), HFT_* variables, then the command line; errors
/// name the key as written in the file (or the variable); the published schema is the one the verbs generate.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConfigLayersTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();
    private readonly List<string> _vars = [];

    public void Dispose()
    {
        foreach (var v in _vars) Environment.SetEnvironmentVariable(v, null);
        Directory.Delete(_dir, recursive: true);
    }

    private void Set(string name, string value)
    {
        _vars.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    private string Config(string json)
    {
        var path = Path.Combine(_dir, "hft.json");
        File.WriteAllText(path, json);
        Set("HFT_CONFIG", path);
        return path;
    }

    private static JsonObject Source(params string[] args)
    {
        var run = Hft.Run(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson()["source"]!.AsObject();
    }

    private static readonly string[] Replay = ["replay", "--no-model", "--quiet", "--json"];

    [Fact]
    public void File_then_variables_then_the_command_line()
    {
        Config("""{ "seed": 4, "simMinutes": 0.1, "replay": { "seed": 5 } }""");
        Assert.Equal(5UL, (ulong?)Source(Replay)["seed"]);                 // the verb's section beats the top level
        Assert.Equal(0.1, (double?)Source(Replay)["simMinutes"]);
        Set("HFT_SEED", "6");
        Assert.Equal(6UL, (ulong?)Source(Replay)["seed"]);                 // the variable beats the file
        Assert.Equal(7UL, (ulong?)Source([.. Replay, "--seed", "7"])["seed"]); // the command line beats both
    }

    [Fact]
    public void An_unknown_key_is_named_as_written_with_a_suggestion()
    {
        var path = Config("""{ "simMinute": 3 }""");
        ContractAssert.InputError(["replay", "--no-model"], $"{path}: unknown key 'simMinute' (did you mean simMinutes?)");
    }

    [Fact]
    public void A_bad_value_in_a_verb_section_is_named_by_its_key()
    {
        var path = Config("""{ "replay": { "topology": "7" } }""");
        ContractAssert.InputError(["replay", "--no-model"], $"{path}: 'replay.topology' must be inline or threaded, not '7'");
    }

    [Fact]
    public void A_bad_variable_is_named()
    {
        Set("HFT_SIM_MINUTES", "0");
        ContractAssert.InputError(["replay", "--no-model"], "HFT_SIM_MINUTES must be in (0, 1440], got 0");
    }

    [Fact]
    public void Malformed_json_says_where()
    {
        Config("{ \"seed\": 1,\n  oops }");
        ContractAssert.InputError(["replay", "--no-model"], "not valid JSON (line 2)");
    }

    [Fact]
    public void Validate_reports_every_problem_and_accepts_a_good_file()
    {
        var path = Config("""{ "seed": -2, "book-check": { "market": "foo" } }""");
        var bad = Hft.Run("config", "validate", path);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'seed' must be a non-negative integer", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("'book-check.market' must be spot, usdm, coinm or us", bad.Stderr, StringComparison.Ordinal);

        File.WriteAllText(path, """{ "seed": 2, "book-check": { "market": "usdm" } }""");
        var good = Hft.Run("config", "validate", path, "--json");
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True((bool?)good.SingleJson()["valid"]);
    }

    [Fact]
    public void Init_writes_a_valid_starter_and_refuses_to_overwrite_it()
    {
        var path = Path.Combine(_dir, "hft.json");
        Assert.Equal(0, Hft.Run("config", "init", "--out", path).ExitCode);
        Assert.True(File.Exists(Path.Combine(_dir, "hft.schema.json")));
        Assert.Equal(0, Hft.Run("config", "validate", path).ExitCode);
        ContractAssert.InputError(["config", "init", "--out", path], "pass --force to overwrite it");
    }

    [Fact]
    public void Show_lists_each_value_with_where_it_came_from()
    {
        Config("""{ "replay": { "topology": "threaded" } }""");
        Set("HFT_SEED", "9");
        var run = Hft.Run("config", "show", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var replay = run.SingleJson()["verbs"]!["replay"]!;
        Assert.Equal("threaded", (string?)replay["topology"]!["value"]);
        Assert.EndsWith("'replay.topology'", (string?)replay["topology"]!["from"], StringComparison.Ordinal);
        Assert.Equal("HFT_SEED", (string?)replay["seed"]!["from"]);
    }

    [Fact]
    public void The_published_schema_is_the_generated_one()
    {
        var published = JsonNode.Parse(File.ReadAllText(Path.Combine(TestData.RepoRoot, "hft.schema.json")));
        Assert.True(JsonNode.DeepEquals(ConfigSchema.Build(CommandCatalog.BuildRoot()), published),
            "hft.schema.json is stale: regenerate it with `hft config schema > hft.schema.json`");
    }

    [Fact]
    public void A_command_line_mistake_is_reported_before_the_file()
    {
        Config("""{ "simMinute": 3 }""");
        ContractAssert.UsageError(["replay", "--bogus"], "unknown option '--bogus'");
    }

    [Fact]
    public void A_required_option_can_come_from_the_file()
    {
        var sim = Path.Combine(_dir, "sim.gz");
        Config($$"""{ "simulate": { "out": "{{sim}}", "simMinutes": 0.05 } }""");
        var run = Hft.Run("simulate", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(sim));
    }
}
