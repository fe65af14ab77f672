namespace HftScalper.Cli.Tests;

/// <summary>
/// Wrong command lines for every verb are refused by the parser before any work (no model load, no file opened):
/// exit 2, one line naming the mistake (with a suggestion when a known name is close) and a hint on stderr, stdout
/// empty, or with --json exactly one <c>{"error": ...}</c> object.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class UsageErrorTests
{
    public static TheoryData<string[], string> UnknownOptions => new()
    {
        { ["env", "--bogus"], "unknown option '--bogus'" },
        { ["env", "--jsn"], "did you mean --json?" },
        { ["convert", "in.gz", "--bogus", "--out", "o"], "unknown option '--bogus'" },
        { ["record", "--symbols", "btcusdt", "--out", "d", "--bogus"], "unknown option '--bogus'" },
        { ["replay", "--sim-minute", "1"], "unknown option '--sim-minute' (did you mean --sim-minutes?)" },
        { ["replay", "--minutes", "1"], "did you mean --sim-minutes?" },
        { ["book-check", "f.gz", "--markt", "spot"], "did you mean --market?" },
        { ["simulate", "--out", "x.gz", "--sim-minute", "1"], "did you mean --sim-minutes?" },
        { ["features", "--out", "x.parquet", "--evry", "1s"], "did you mean --every?" },
        { ["models", "list", "--bogus"], "unknown option '--bogus'" },
        { ["models", "validate", "m.onnx", "--bogus"], "unknown option '--bogus'" },
        { ["models", "promote", "m.onnx", "--shadw"], "did you mean --shadow?" },
        { ["models", "rollback", "--bogus"], "unknown option '--bogus'" },
        { ["train", "--sed", "3"], "did you mean --seed?" },
        { ["evaluate", "--model", "m.onnx", "--horizn", "2s"], "did you mean --horizon?" },
    };

    [Theory]
    [MemberData(nameof(UnknownOptions))]
    public void Unknown_options_are_refused_with_a_suggestion(string[] args, string expected) =>
        ContractAssert.UsageError(args, expected);

    public static TheoryData<string[], string> BadValues => new()
    {
        { ["replay", "--topology", "7"], "--topology must be inline or threaded, not '7'" },
        { ["replay", "--market", "foo"], "--market must be spot, usdm, coinm or us, not 'foo'" },
        { ["book-check", "f.gz", "--market", "foo"], "--market must be spot, usdm, coinm or us" },
        { ["features", "--out", "x.parquet", "--market", "usd"], "did you mean usdm?" },
        { ["features", "--out", "x.parquet", "--on", "trades"], "--on must be decisions, not 'trades'" },
        { ["convert", "in.gz", "--out", "o", "--to", "xyz"], "--to must be journal or events, not 'xyz'" },
        { ["record", "--symbols", "btcusdt", "--out", "d", "--market", "us"], "--market must be spot, usdm or coinm" },
        { ["replay", "--metrics-port", "99999"], "--metrics-port must be a TCP port in 0..65535" },
        { ["replay", "--sim-minutes", "abc"], "--sim-minutes must be a number, not 'abc'" },
        { ["replay", "--sim-minutes", "0"], "--sim-minutes must be in (0, 1440]" },
        { ["replay", "--speed", "-1"], "--speed must be 0" },
        { ["simulate", "--out", "x.gz", "--seed", "-1"], "--seed must be" },
        { ["train", "--folds", "0"], "--folds must be in 1..1000" },
        { ["evaluate", "--model", "m.onnx", "--seed", "x"], "--seed must be an integer, not 'x'" },
        { ["models", "validate", "m.onnx", "--budget-us", "0"], "--budget-us must be a positive number" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_choices_and_values_are_refused_by_the_parser(string[] args, string expected) =>
        ContractAssert.UsageError(args, expected);

    public static TheoryData<string[], string> MissingPieces => new()
    {
        { [], "a verb is required" },
        { ["replai"], "unknown verb 'replai' (did you mean replay?)" },
        { ["models"], "a verb is required: list, validate, promote, rollback" },
        { ["simulate"], "missing required option --out" },
        { ["features"], "missing required option --out" },
        { ["evaluate"], "give --model M, or --compare M1 M2" },
        { ["record", "--out", "d"], "missing required option --symbols" },
        { ["book-check"], "missing FILE" },
        { ["convert", "--out", "o"], "missing IN" },
        { ["models", "validate"], "missing FILE" },
        { ["replay", "--model"], "--model needs a value" },
        { ["env", "extra"], "unexpected argument 'extra'" },
    };

    [Theory]
    [MemberData(nameof(MissingPieces))]
    public void Missing_verbs_options_and_arguments_are_named(string[] args, string expected) =>
        ContractAssert.UsageError(args, expected);

    [Fact]
    public void Replay_with_a_mistyped_option_refuses_before_loading_the_model()
    {
        var run = Hft.Run("replay", "--sim-minute", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("Model", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("recording not found", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("hft replay: error: unknown option '--sim-minute'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_sequence_families_without_stacked_are_refused_before_any_training() =>
        ContractAssert.InputError(["train", "--family", "lstm,transformer", "--sim-minutes", "1"], "several families make members of one ensemble, which needs --stacked");

    [Fact]
    public void Help_still_wins_over_a_parse_error()
    {
        var run = Hft.Run("replay", "--bogus", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--sim-minutes", run.Stdout, StringComparison.Ordinal);
    }
}
