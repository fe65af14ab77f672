using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// What a run did not trade, in <c>replay --json</c> and <c>run --json</c> alike: <c>untradedDecisions</c> (decisions of
/// symbols not on the trading desk), <c>untradedSymbols</c> (when any), <c>tradingDisabled</c> (why the run trades
/// nothing, when it does not) and <c>untradedReasons</c> (why each symbol not traded is not). <c>run</c> had none of
/// them, while its <c>stopReason</c> <c>notTraded</c> points at them (a paper run of DOGEUSDT said no more).
/// </summary>
internal static class UntradedJson
{
    /// <summary>Adds the keys to <paramref name="o"/>.</summary>
    public static void Add(JsonObject o, TradingFigures trading)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(trading);
        o["untradedDecisions"] = trading.UntradedDecisions;
        if (trading.UntradedDecisions > 0) o["untradedSymbols"] = new JsonArray([.. trading.UntradedSymbols.Select(n => (JsonNode?)n)]);
        if (trading.TradingDisabled is { } off) o["tradingDisabled"] = off;
        if (trading.UntradedReasons.Count > 0) // why each symbol not traded is not (another quote asset, late, disabled)
            o["untradedReasons"] = new JsonObject([.. trading.UntradedReasons.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
    }
}
