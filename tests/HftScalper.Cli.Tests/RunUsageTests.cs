namespace HftScalper.Cli.Tests;

/// <summary><c>hft run</c> refuses wrong command lines with the contract's error shape (exit 2, one clear line, the
/// JSON error object with --json) before opening any connection.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunUsageTests
{
    [Fact]
    public void An_unknown_mode_is_refused_by_the_parser() =>
        ContractAssert.UsageError(["run", "--symbols", "btcusdt", "--mode", "papr"], "--mode");

    [Fact]
    public void Live_mode_without_confirm_live_is_refused_before_any_connection() =>
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", "live"], "add --confirm-live to proceed");

    [Fact]
    public void Live_mode_with_confirm_live_but_no_keys_is_refused()
    {
        if (Environment.GetEnvironmentVariable("HFT_BINANCE_API_KEY") is not null) return; // a developer's own keys: not this check
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", "live", "--confirm-live"], "needs keys: set HFT_BINANCE_API_KEY");
    }

    [Fact]
    public void Testnet_mode_without_keys_is_refused()
    {
        if (Environment.GetEnvironmentVariable("HFT_BINANCE_API_KEY") is not null) return;
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", "testnet"], "needs keys");
    }

    [Fact]
    public void Usdm_testnet_mode_is_wired_and_without_keys_asks_for_them()
    {
        if (Environment.GetEnvironmentVariable("HFT_BINANCE_API_KEY") is not null) return;
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--market", "usdm", "--mode", "testnet"], "needs keys");
    }

    [Fact]
    public void An_unknown_orders_policy_other_than_cancel_or_adopt_is_refused() =>
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--unknown-orders", "ignore"], "--unknown-orders must be cancel or adopt");

    [Theory]
    [InlineData("btc-usdt")]
    [InlineData("btcusdt,eth/usdt")]
    public void A_symbol_that_is_not_a_binance_name_is_refused(string symbols) =>
        ContractAssert.InputError(["run", "--symbols", symbols, "--mode", "paper"], "is not a Binance symbol");

    [Fact]
    public void A_url_that_is_not_a_websocket_url_is_refused() =>
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--url", "not a url"], "--url");

    [Fact]
    public void Missing_symbols_are_named() =>
        ContractAssert.UsageError(["run", "--mode", "paper"], "missing required option --symbols");

    [Fact]
    public void A_missing_config_file_is_refused_before_any_connection() =>
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", "testnet", "--config", "no-such-run.json"], "config file not found: no-such-run.json");

    [Theory]
    [InlineData("""{ "symbolModels": { "BTCUSDT": "models/default.onnx" } }""", "symbolModels are served by hft replay only")]
    [InlineData("""{ "online": { "enabled": true } }""", "online.enabled is hft replay's")]
    public void A_config_file_naming_what_only_replay_serves_is_refused(string text, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"hft-run-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", "testnet", "--config", path], expected);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_binance_com_only_market_choices_apply() =>
        ContractAssert.UsageError(["run", "--symbols", "btcusdt", "--market", "us"], "--market");
}
