namespace HftScalper.Recording.Events;

/// <summary>Counters of an <see cref="ICountedEventSource"/>: every skipped row is counted with its reason.</summary>
public sealed class EventSourceStats
{
    /// <summary>Data rows read (header rows excluded).</summary>
    public long Rows { get; internal set; }

    /// <summary>Events produced.</summary>
    public long Events { get; internal set; }

    /// <summary>Rows that could not be parsed (wrong column count, bad number, off-grid price).</summary>
    public long BadRows { get; internal set; }

    /// <summary>Rows the source flags as suspicious (Lean), skipped.</summary>
    public long Suspicious { get; internal set; }

    /// <summary>Quote states skipped because the bid was at or above the ask, or a side was empty.</summary>
    public long LockedOrCrossed { get; internal set; }

    /// <summary>Quote rows that left the best bid and ask unchanged (no event).</summary>
    public long Unchanged { get; internal set; }

    /// <summary>Rows of kinds that carry no top-of-book or trade information (LOBSTER halts, for example).</summary>
    public long Ignored { get; internal set; }

    /// <summary>Rows dropped because their id (trade id, aggregate id, bookTicker update id) was not above the last
    /// one accepted: a duplicated line must not count a trade twice.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Damage found in compressed input (truncated gzip streams, CRC failures, bytes skipped).</summary>
    public Integrity.InputDamage Compressed { get; } = new();

    /// <summary>The first bad row's problem, for the log line.</summary>
    public string? FirstProblem { get; internal set; }

    // Bad rows count as malformed input (suspicious, crossed, unchanged and ignored rows are valid data, not damage).
    internal void AddDamageTo(Integrity.InputDamage total)
    {
        total.Add(Compressed);
        total.MalformedLines += BadRows;
        if (FirstProblem is not null) total.Problem(FirstProblem);
    }

    internal void Bad(string problem)
    {
        BadRows++;
        FirstProblem ??= problem;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"rows={Rows} events={Events} bad={BadRows} suspicious={Suspicious} lockedOrCrossed={LockedOrCrossed} " +
        $"unchanged={Unchanged} ignored={Ignored} duplicates={Duplicates}" + (FirstProblem is null ? "" : $" firstProblem=\"{FirstProblem}\"")
        + (Compressed.Any ? $" compressed: {Compressed}" : "");
}
