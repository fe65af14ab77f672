using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Composition;

/// <summary>
/// Logs a warming stall when the inference stage detects it, so a live run says at once that a sequence model makes no
/// decision on a symbol (the run's end repeats the count). One line per symbol streak, off the per-event path: the stage
/// calls it only on the row that turns a streak into a stall. The line is formatted on the inference thread (one
/// message per stall; a disabled level formats nothing) and written by the logger's own queue.
/// </summary>
internal sealed class WarmingStallLog(SymbolRegistry symbols, ILogger logger) : IWarmingStallSink
{
    private static readonly Action<ILogger, string, double, string, Exception?> Stalled = LoggerMessage.Define<string, double, string>(LogLevel.Warning,
        new EventId(1901, "WarmingStall"),
        "Warming stall on {Symbol}: the sequence model has had no prediction for over {Limit:0.#} s of exchange time; {Cause}; it decides nothing there until its window fills");

    private const string UnsyncedCause = "the book never synced (a recording without a depth snapshot needs the one before it, or the feed never resynced)";
    private const string WindowCause = "the book synced, so the window never filled (gaps, restarts or the sampling clock)";

    /// <inheritdoc />
    public void OnStall(int symbol, long timeNs, long limitNs, bool unsynced)
    {
        if (!logger.IsEnabled(LogLevel.Warning)) return;
        string name = symbol >= 0 && symbol < symbols.Count ? symbols[symbol].Name : "symbol " + symbol.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Stalled(logger, name, limitNs / 1e9, unsynced ? UnsyncedCause : WindowCause, null);
    }
}
