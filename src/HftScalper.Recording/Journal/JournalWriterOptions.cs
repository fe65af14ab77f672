using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Journal;

/// <summary>Settings of a <see cref="JournalWriter"/>.</summary>
public sealed record JournalWriterOptions
{
    /// <summary>Folder the segments go to (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Venue written in each segment header.</summary>
    public string Venue { get; init; } = "binance-spot";

    /// <summary>Host written in each segment header (default: the machine name).</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>Symbols whose scales each segment header lists (read when a segment opens).</summary>
    public SymbolRegistry? Symbols { get; init; }

    /// <summary>A segment rolls before a record would take it past this size.</summary>
    public long SegmentMaxBytes { get; init; } = 256L << 20;

    /// <summary>A segment rolls when a record's local time is this far past the segment's first record.</summary>
    public long SegmentMaxDurationNs { get; init; } = 3_600_000_000_000L;

    /// <summary>Size of the write buffer.</summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>When the buffer is written out.</summary>
    public JournalFlushMode FlushMode { get; init; } = JournalFlushMode.EndOfBatch;

    /// <summary>Also fsync on every flush (durable against power loss, much slower).</summary>
    public bool FsyncOnFlush { get; init; }

    /// <summary>What the records hold, written in each segment header (set by <see cref="EventJournalWriter"/>).</summary>
    public JournalKind Kind { get; init; } = JournalKind.Frames;

    /// <summary>What the journal is made from, written in each segment header (e.g. the converted recordings).</summary>
    public string Source { get; init; } = "";

    /// <summary>The events' source says its quote is the market state (a quote-only format); carried in the header.</summary>
    public bool QuoteIsMarketState { get; init; }

    /// <summary>Where recovery log lines go (default: stderr).</summary>
    public Action<string>? Log { get; init; }
}
