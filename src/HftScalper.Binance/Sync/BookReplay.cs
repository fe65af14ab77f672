using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Sync;

/// <summary>
/// The replay path of <c>hft book-check</c>, the tests and the throughput benchmark: raw frames -> the live
/// <see cref="BinanceParser"/> -> <see cref="BookSynchronizer"/> (native books) -> <see cref="TickerCrossCheck"/>.
/// The same code a live feed runs, fed from a recording.
/// </summary>
public sealed class BookReplay : IDisposable
{
    private readonly MarketEventBuffer _buffer = new(16_384);

    /// <summary>Creates the pipeline. <paramref name="autoRegisterVenue"/> lets unknown symbols register on first
    /// sight (replay tools); null requires them registered.</summary>
    public BookReplay(SymbolRegistry registry, DepthSyncRule rule, string? autoRegisterVenue, long staleAfterNs = 0)
    {
        Parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, MarkReplayed = true });
        Sync = new BookSynchronizer(new BookSyncOptions { Rule = rule, StaleAfterNs = staleAfterNs });
        Check = new TickerCrossCheck(Sync);
    }

    /// <summary>The parser (and its counters).</summary>
    public BinanceParser Parser { get; }

    /// <summary>The synchronizer (states, books, counters).</summary>
    public BookSynchronizer Sync { get; }

    /// <summary>The ticker oracle.</summary>
    public TickerCrossCheck Check { get; }

    /// <summary>Events produced so far.</summary>
    public long Events { get; private set; }

    /// <summary>Parses one frame and runs its events through the sync and the checker.</summary>
    public ParseResult Feed(in RawFrame frame)
    {
        _buffer.Clear();
        var result = Parser.Parse(in frame, _buffer);
        var events = _buffer.Events;
        if (events.Length > 1 && events[0].Kind == MarketEventKind.BookDelta)
        {
            // One depth message: the sync applies it in one native call; the checker needs only its outcome.
            Check.Observe(in events[^1], Sync.OnEvents(events));
        }
        else
        {
            for (int i = 0; i < events.Length; i++)
            {
                ref readonly MarketEvent e = ref events[i];
                var outcome = Sync.OnEvent(in e);
                Check.Observe(in e, outcome);
            }
        }
        Events += events.Length;
        return result;
    }

    /// <summary>Runs one already parsed event (an event journal) through the sync and the checker.</summary>
    public void FeedEvent(in MarketEvent e)
    {
        var outcome = Sync.OnEvent(in e);
        Check.Observe(in e, outcome);
        Events++;
    }

    /// <summary>Feeds every frame of <paramref name="source"/>; returns the number of frames.</summary>
    public long Run(IRawFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        long frames = 0;
        while (source.TryRead(out var frame))
        {
            Feed(in frame);
            frames++;
        }
        return frames;
    }

    /// <inheritdoc />
    public void Dispose() => Sync.Dispose();
}
