using System.Globalization;
using System.Runtime.CompilerServices;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Orders;

/// <summary>
/// Reads order journal segments (<see cref="OrderJournalWriter"/>), in order, record by record. Damage is handled as
/// by every journal reader (the shared <see cref="SegmentCursor"/>): a record that fails its CRC is skipped and
/// reading resumes at the next valid one, a torn tail (a crash mid-write) is reported once with a log line and
/// counted in <see cref="JournalStats.TornTails"/>, and every good record before it is returned. A CRC-valid record
/// that is not an order record of a layout this version reads is counted, logged and skipped. Files are never modified.
/// </summary>
public sealed class OrderJournalReader : IDisposable
{
    private readonly IReadOnlyList<string> _segments;
    private readonly Action<string> _log;
    private byte[] _buffer = new byte[1 << 16];
    private SegmentCursor? _cursor;
    private int _next;

    /// <summary>Opens segment files or journal folders, read in the order given.</summary>
    /// <param name="paths">Order journal segments or folders.</param>
    /// <param name="log">Where damage reports go (default: stderr).</param>
    public OrderJournalReader(IEnumerable<string> paths, Action<string>? log = null)
    {
        _segments = JournalDirectory.ExpandSegments(paths);
        _log = log ?? Console.Error.WriteLine;
    }

    /// <summary>Opens one segment file or journal folder.</summary>
    public OrderJournalReader(string path, Action<string>? log = null) : this([path], log) { }

    /// <summary>The segment files, in order.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>Counters: records, segments, torn tails, damaged records, bad headers, skipped bytes.</summary>
    public JournalStats Stats { get; } = new();

    /// <summary>Header of the segment being read (null before the first read or after a bad header).</summary>
    public JournalHeader? CurrentHeader => _cursor?.Header;

    /// <summary>Reads the next good record; false at the end of the last segment.</summary>
    public bool TryRead(out OrderJournalRecord record)
    {
        while (true)
        {
            if (_cursor is not null && _cursor.TryNext(out int offset, out int size))
            {
                _buffer = _cursor.Buffer;
                var rec = _buffer.AsSpan(offset, size);
                int payload = size - JournalFormat.RecordHeaderSize;
                if (JournalFormat.ReadOrigin(rec) != OrderJournalWriter.RecordOrigin || payload != OrderJournalRecord.Size
                    || rec[JournalFormat.RecordHeaderSize] is 0 or > OrderJournalRecord.CurrentVersion)
                {
                    Stats.CorruptRecords++;
                    Stats.DiscardedBytes += size;
                    _log(string.Create(CultureInfo.InvariantCulture,
                        $"order journal: {_cursor.Path}: record at offset {_cursor.GoodLength - size} is not an order record this version reads; skipped its {size} bytes"));
                    continue;
                }
                record = Unsafe.ReadUnaligned<OrderJournalRecord>(ref rec[JournalFormat.RecordHeaderSize]);
                Stats.Records++;
                Stats.PayloadBytes += payload;
                return true;
            }
            if (!OpenNext())
            {
                record = default;
                return false;
            }
        }
    }

    private bool OpenNext()
    {
        if (_cursor is not null)
        {
            JournalReader.ReportEnd(_cursor, Stats, _log);
            _cursor.Dispose();
            _cursor = null;
        }
        while (_next < _segments.Count)
        {
            var cursor = new SegmentCursor(_segments[_next++], _buffer, Stats, _log);
            Stats.Segments++;
            JournalReader.AdoptSiblingHeader(cursor, JournalKind.Orders, Stats, _log);
            if (cursor.Header is { Kind: not JournalKind.Orders } header)
            {
                Stats.BadHeaders++;
                _log($"order journal: skipped {cursor.Path}: it holds {header.Kind.ToString().ToLowerInvariant()}, not orders");
                cursor.Dispose();
                continue;
            }
            _cursor = cursor; // a bad header ends at once and is reported by ReportEnd
            return true;
        }
        return false;
    }

    /// <summary>Closes the current segment.</summary>
    public void Dispose()
    {
        _cursor?.Dispose();
        _cursor = null;
    }
}
