namespace HftScalper.Cli.Tests;

/// <summary><c>hft run</c> refuses wrong command lines with the contract's error shape (exit 2, one clear line, the
/// JSON error object with --json) before opening any connection.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunUsageTests
{
    [Fact]
    public void An_unknown_mode_is_refused_by_the_parser() =>
        ContractAssert.UsageError(["run", "--symbols", "btcusdt", "--mode", "papr"], "--mode");

    [Theory]
    [InlineData("testnet")]
    [InlineData("live")]
    public void Testnet_and_live_modes_are_refused_until_order_entry_is_wired(string mode) =>
        ContractAssert.InputError(["run", "--symbols", "btcusdt", "--mode", mode], "order entry to the exchange is not wired yet");

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
    public void The_usdm_only_market_choices_apply() =>
        ContractAssert.UsageError(["run", "--symbols", "btcusdt", "--market", "coinm"], "--market");
}
