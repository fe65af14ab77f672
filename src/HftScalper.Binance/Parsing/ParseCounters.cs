namespace HftScalper.Binance.Parsing;

/// <summary>
/// Per-<see cref="ParseResult"/> frame counts of one parser, plus the events produced. Written by the parser's
/// thread only; other threads may read them (torn reads are impossible for aligned longs on x64).
/// </summary>
public sealed class ParseCounters
{
    private readonly long[] _byResult = new long[Enum.GetValues<ParseResult>().Length + 1];

    /// <summary>Frames that ended with <paramref name="result"/>.</summary>
    public long this[ParseResult result] => Volatile.Read(ref _byResult[(int)result]);

    /// <summary>Frames seen.</summary>
    public long Frames { get; private set; }

    /// <summary>Market events produced.</summary>
    public long EventsProduced { get; private set; }

    /// <summary>Frames the single-pass scanner handed to the general reader path (unusual layouts, other event
    /// types, control replies, rejections). A rising share on a live feed means Binance changed its format.</summary>
    public long SlowPathFrames { get; private set; }

    /// <summary>Trades, aggregate trades, bookTickers and depth messages dropped as duplicates of an id already seen
    /// (<see cref="ParseResult.Duplicate"/>).</summary>
    public long Duplicates => this[ParseResult.Duplicate];

    /// <summary>The first duplicate dropped (symbol, kind, id, receive time), for the log line; null when none.</summary>
    public string? FirstDuplicate { get; internal set; }

    /// <summary>Frames rejected for any reason.</summary>
    public long Rejected
    {
        get
        {
            long n = 0;
            for (int i = (int)ParseResult.FirstRejection; i < _byResult.Length; i++) n += Volatile.Read(ref _byResult[i]);
            return n;
        }
    }

    internal void Count(ParseResult result, int events)
    {
        _byResult[(int)result]++;
        Frames++;
        EventsProduced += events;
    }

    internal void CountSlowPath() => SlowPathFrames++;

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string> { $"frames={Frames}", $"events={EventsProduced}" };
        foreach (var r in Enum.GetValues<ParseResult>())
        {
            if (r == ParseResult.FirstRejection) continue;
            if (this[r] != 0) parts.Add($"{r}={this[r]}");
        }
        if (SlowPathFrames != 0) parts.Add($"slowPath={SlowPathFrames}");
        return string.Join(' ', parts);
    }
}
