using HftScalper.Binance.Parsing;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// Fees of a venue whose schedule the engine does not know. Binance.US is another exchange than binance.com; its fee
/// schedule could not be established from a source we trust (third-party pages contradict each other, and it has
/// changed over time), so binance.com's spot VIP 0 would be a guess: PnL net of a guessed fee, with exit 0, is a wrong
/// result that looks right. A Binance.US run therefore trades only under a fee schedule the user states in
/// <c>--config</c> (<c>makerFeePpm</c> and <c>takerFeePpm</c>, or a <c>feeTier</c>); without one nothing is traded,
/// the decisions are still scored, and <c>tradingDisabled</c> says why.
/// </summary>
internal static class VenueFees
{
    /// <summary><paramref name="options"/>, refused for trading (<see cref="Engine.Pipeline.TradingOptions.Refused"/>)
    /// when its venue's fees are unknown and <paramref name="config"/> does not state them.</summary>
    public static PipelineOptions Require(PipelineOptions options, RunConfig? config)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Venue != KnownSymbols.UsSpotVenue || config is { StatesFees: true }) return options;
        return options with
        {
            Trading = options.Trading with
            {
                Refused = "Binance.US fee schedule unknown (binance.com's does not apply to another exchange): state it in --config "
                    + "(\"makerFeePpm\" and \"takerFeePpm\", parts per million of notional, or a \"feeTier\"); nothing is traded in this run "
                    + "(decisions are scored, not traded)",
            },
        };
    }
}
