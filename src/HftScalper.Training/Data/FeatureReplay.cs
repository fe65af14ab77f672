using System.Diagnostics;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Features.Schema;

namespace HftScalper.Training.Data;

/// <summary>
/// Replays recordings through the live code and hands every decision row to a sink:
/// <code>
///  IMarketEventFeed (BinanceEventFeed: frames parsed, or event formats) --events--> BookFeatureProcessor (sync + native book + FeatureEngine) --> sink
/// </code>
/// Runs on the caller's thread (no ring: dataset building needs no pipelining and stays deterministic). State
/// persists across <see cref="Run"/> calls, so consecutive pieces of one recording replayed one after another give
/// the same rows as the whole recording at once (give their feeds one shared parser, so its duplicate filter spans
/// the pieces too). Not thread-safe.
/// </summary>
public sealed class FeatureReplay : IDisposable
{
    private readonly FeatureReplayOptions _options;
    private readonly BookFeatureProcessor _processor;
    private readonly float[] _row;

    /// <summary>Creates the replay; symbols are resolved (and auto-registered) through <paramref name="symbols"/>.</summary>
    public FeatureReplay(SymbolRegistry symbols, FeatureReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _processor = new BookFeatureProcessor(symbols, new BookSyncOptions { Rule = options.Rule }, options.Features);
        _row = new float[_processor.Features.Width];
    }

    /// <summary>The schema of the rows.</summary>
    public FeatureSchema Schema => _processor.Features.Schema;

    /// <summary>The processor (books and feature engine) the replay drives.</summary>
    public BookFeatureProcessor Processor => _processor;

    /// <summary>Replays <paramref name="feed"/> to its end, calling <paramref name="sink"/> per decision (the feed says
    /// whether its quote is the market state: <see cref="IMarketEventFeed.QuoteIsMarketState"/>).</summary>
    public FeatureReplayResult Run(IMarketEventFeed feed, FeatureRowSink sink)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(sink);
        _processor.QuoteIsMarketState = feed.QuoteIsMarketState;
        long start = Stopwatch.GetTimestamp();
        long frames = feed.Frames, events = 0, decisions = 0;
        while (feed.TryReadMessage(out var message))
        {
            for (int i = 0; i < message.Length; i++)
                if (Feed(in message[i], sink)) decisions++;
            events += message.Length;
        }
        long elapsedNs = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        return new FeatureReplayResult(feed.Frames - frames, events, decisions, elapsedNs, (feed as IFrameParsingFeed)?.ParseCounters,
            _processor.Sync.Counters, _processor.Features.NonFiniteReplaced);
    }

    /// <summary>Feeds one event directly (callers that already hold events, e.g. tests feeding in chunks).</summary>
    public bool Feed(in MarketEvent e, FeatureRowSink sink)
    {
        if (!_processor.OnEvent(in e, _row, out var info)) return false;
        sink(in info, _row);
        return true;
    }

    /// <summary>Releases the native books.</summary>
    public void Dispose() => _processor.Dispose();
}
