using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The account's keys of <c>replay --json</c> (and <c>run</c>'s): <c>accountAsset</c>, the asset every amount of the
/// summary is in (<c>pnl</c>, <c>fees</c>, equity, <c>attribution</c>: USDT, or the coin of a COIN-M account), and for a
/// coin account <c>accountAssetUsd</c> {<c>price</c>, <c>symbol</c>} (the coin's USD value: the last mid of that contract)
/// and <c>pnlUsd</c> (the PnL valued at it). Added keys only: the existing ones keep their meaning.
/// </summary>
internal static class AccountJson
{
    /// <summary>Adds the keys to <paramref name="o"/> for a run of figures <paramref name="trading"/> and PnL <paramref name="pnl"/>
    /// (account asset).</summary>
    public static void Add(JsonObject o, TradingFigures trading, double pnl)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(trading);
        if (trading.AccountAsset is { } asset) o["accountAsset"] = asset;
        if (trading.AccountAssetUsd is not { } usd) return;
        o["accountAssetUsd"] = new JsonObject { ["price"] = usd, ["symbol"] = trading.AccountAssetUsdSymbol };
        o["pnlUsd"] = pnl * usd;
    }
}
