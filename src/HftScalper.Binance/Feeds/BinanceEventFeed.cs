using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Feeds;

/// <summary>
/// The one frames -> events adapter: turns a recording of raw Binance frames (or the simulator) into an
/// <see cref="IMarketEventFeed"/> through the live <see cref="BinanceParser"/>, or cuts a source of ready-made
/// events (event journal, CSV, Lean, LOBSTER) into the same whole messages. Every replay consumer reads this.
/// <code>
///  IRawFrameSource ---- TryRead(frame) --> BinanceParser --> MarketEventBuffer ------------------+
///  IMarketEventBatchSource -- ReadBatch (block copies) --+                                       +--> message span
///  IMarketEventSource ------- TryRead (one event) -------+--> event buffer, cut at boundaries ---+
/// </code>
/// </summary>
/// <remarks>
/// <para>Frames: one read = one frame = one message (empty when the parser rejects or ignores the frame), exactly
/// as the live client parses it; <see cref="MarketEventFlags.Replayed"/> is set by the replay parser
/// (<see cref="ReplayParser"/>). The book sync is not done here: it is a consumer's stage.</para>
/// <para>Events: a message ends at an event flagged <see cref="MarketEventFlags.LastInMessage"/>, or at any event
/// that is not a depth level or a snapshot level (top of book, trade, status and clock events are messages of their
/// own, flagged or not, as CSV sources write them). <see cref="TryReadMessages"/> reads a batch source (the event
/// journal) in whole blocks of bulk copies and hands them out cut at their last message boundary (other sources: about
/// 256 events of whole messages). <see cref="TryReadMessage"/> reads one event at a time and never further ahead than
/// the message it returns, as a live feed would — except what a batch source has already read in (the rest of a
/// journal block, <see cref="IMarketEventBatchSource.ReadBuffered"/>: one bulk copy instead of a call per event) — so a
/// paced source releases events in real time, and a journal registers a symbol only when the block that introduces it
/// is reached, so a consumer that builds state over the symbols known
/// at its first event (the trading session) sees the same registry from every format. A message larger than the
/// buffer grows it (slow path, once); one past
/// <see cref="MaxMessageEvents"/> is handed out in pieces, each counted in <see cref="SplitMessages"/>.
/// A truncated last message (the source ended inside it) is handed out as it is.</para>
/// <para>The adapter does not own its source: whoever opened the source disposes it.</para>
/// </remarks>
public sealed class BinanceEventFeed : IMarketEventFeed, IFrameParsingFeed
{
    /// <summary>Events of one message past which it is handed out in pieces (64 MB of events).</summary>
    public const int MaxMessageEvents = 1 << 20;

    // Events buffered per bulk read of a source without batches (the old replay chunk).
    private const int EventChunk = 256;

    private readonly IRawFrameSource? _frames;
    private readonly BinanceParser? _parser;
    private readonly MarketEventBuffer? _parsed;
    private readonly IMarketEventSource? _source;
    private readonly IMarketEventBatchSource? _batches;
    private MarketEvent[] _events = [];
    private int _start, _end;
    private bool _ended;

    /// <summary>A feed parsing <paramref name="frames"/> with <paramref name="parser"/> (shared across feeds when
    /// consecutive pieces of one recording must keep the parser's duplicate filter and counters).</summary>
    public BinanceEventFeed(IRawFrameSource frames, BinanceParser parser)
    {
        _frames = frames ?? throw new ArgumentNullException(nameof(frames));
        _parser = parser ?? throw new ArgumentNullException(nameof(parser));
        _parsed = new MarketEventBuffer(16_384);
    }

    /// <summary>A feed parsing <paramref name="frames"/> with a new <see cref="ReplayParser"/>.</summary>
    public BinanceEventFeed(IRawFrameSource frames, SymbolRegistry registry, string? autoRegisterVenue)
        : this(frames, ReplayParser(registry, autoRegisterVenue)) { }

    /// <summary>A feed of ready-made events (an <see cref="IMarketEventBatchSource"/> is read in blocks).</summary>
    public BinanceEventFeed(IMarketEventSource events)
    {
        _source = events ?? throw new ArgumentNullException(nameof(events));
        _batches = events as IMarketEventBatchSource;
        _events = new MarketEvent[_batches is null ? EventChunk * 2 : 4096];
    }

    /// <summary>The parser replay uses everywhere (pipeline, replay driver, book-check, datasets, conversion):
    /// unknown symbols register under <paramref name="autoRegisterVenue"/> (null: they must be registered), and
    /// every event is flagged <see cref="MarketEventFlags.Replayed"/>.</summary>
    public static BinanceParser ReplayParser(SymbolRegistry registry, string? autoRegisterVenue) =>
        new(registry, new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, MarkReplayed = true });

    /// <inheritdoc />
    public string Description => _frames?.Description ?? _source!.Description;

    /// <inheritdoc />
    public long Frames { get; private set; }

    /// <inheritdoc />
    public long Events { get; private set; }

    /// <inheritdoc />
    public long ReceivedTimestamp { get; private set; }

    /// <inheritdoc />
    public bool QuoteIsMarketState => _source?.QuoteIsMarketState ?? false;

    /// <summary>The parser (null for a feed of ready-made events).</summary>
    public BinanceParser? Parser => _parser;

    /// <inheritdoc />
    public ParseCounters? ParseCounters => _parser?.Counters;

    /// <summary>Pieces handed out of messages longer than <see cref="MaxMessageEvents"/> (crafted input).</summary>
    public long SplitMessages { get; private set; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadMessage(out ReadOnlySpan<MarketEvent> message) =>
        _frames is not null ? TryReadFrame(out message) : TryReadEvents(bulk: false, out message);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages) =>
        _frames is not null ? TryReadFrame(out messages) : TryReadEvents(bulk: true, out messages);

    private bool TryReadFrame(out ReadOnlySpan<MarketEvent> message)
    {
        if (!_frames!.TryRead(out var frame))
        {
            message = default;
            return false;
        }
        ReceivedTimestamp = Stopwatch.GetTimestamp();
        Frames++;
        _parsed!.Clear();
        _parser!.Parse(in frame, _parsed);
        message = _parsed.Events;
        Events += message.Length;
        return true;
    }

    private bool TryReadEvents(bool bulk, out ReadOnlySpan<MarketEvent> message)
    {
        int end = bulk ? LastBoundary() : NextBoundary();
        if (end < 0) end = Fill(bulk);
        if (end <= _start)
        {
            message = default;
            return false;
        }
        ReceivedTimestamp = Stopwatch.GetTimestamp();
        message = _events.AsSpan(_start, end - _start);
        Events += end - _start;
        _start = end;
        return true;
    }

    // Index after the first message boundary buffered, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextBoundary() => BoundaryFrom(_start);

    // Index after the first message boundary buffered at or after index from, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BoundaryFrom(int from)
    {
        for (int i = from; i < _end; i++)
            if (EndsMessage(in _events[i])) return i + 1;
        return -1;
    }

    // Index after the last message boundary buffered, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LastBoundary()
    {
        for (int i = _end - 1; i >= _start; i--)
            if (EndsMessage(in _events[i])) return i + 1;
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsMessage(in MarketEvent e) =>
        e.IsLastInMessage || e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel);

    // Reads until a message is complete (bulk: until a block or a chunk of whole messages is buffered); returns the
    // end of what to hand out, _start when nothing is left. Only bulk reads use batches: they read ahead.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Fill(bool bulk)
    {
        while (true)
        {
            if (_ended) return _end;
            if (!MakeRoom()) return _end;
            if (bulk && _batches is not null)
            {
                int n = _batches.ReadBatch(_events.AsSpan(_end));
                if (n == 0) _ended = true;
                _end += n;
                int b = bulk ? LastBoundary() : NextBoundary();
                if (b >= 0) return b;
                continue;
            }
            while (_end < _events.Length)
            {
                int from = _end;
                if (!_source!.TryRead(out _events[_end]))
                {
                    _ended = true;
                    break;
                }
                _end++;
                if (_batches is not null)
                {
                    // One event by call opened its block (and segment) exactly when needed; the rest of what the
                    // source has read in comes in one bulk copy, a chunk at a time so it is still in L1 when published.
                    _end += _batches.ReadBuffered(_events.AsSpan(_end, Math.Min(EventChunk, _events.Length - _end)));
                    int b = BoundaryFrom(from);
                    if (b >= 0) return b;
                    continue;
                }
                if (EndsMessage(in _events[_end - 1]) && (!bulk || _end - _start >= EventChunk)) return _end;
            }
            if (bulk && !_ended && LastBoundary() is var last && last >= 0) return last;
        }
    }

    // Moves the unfinished message to the front and grows the buffer when it fills it; false when it reached
    // MaxMessageEvents (the caller hands it out as a piece).
    private bool MakeRoom()
    {
        if (_start > 0)
        {
            _events.AsSpan(_start, _end - _start).CopyTo(_events);
            _end -= _start;
            _start = 0;
        }
        if (_end < _events.Length) return true;
        if (_events.Length >= MaxMessageEvents)
        {
            SplitMessages++;
            return false;
        }
        Array.Resize(ref _events, Math.Min(_events.Length * 2, MaxMessageEvents));
        return true;
    }
}
