using HftScalper.Binance.Parsing;

namespace HftScalper.Recording.Integrity;

/// <summary>
/// Damage found while reading recordings, by kind: the one set of counters every reader fills and every verb
/// reports (<c>inputDamage</c> in <c>--json</c>). All zero means every byte read was decoded and checked.
/// Written by the reading thread only.
/// </summary>
public sealed class InputDamage
{
    /// <summary>Compressed streams (gzip members) that end before their trailer, and journal segments that end inside a
    /// record (a torn write): data is missing at the end.</summary>
    public long TruncatedStreams { get; internal set; }

    /// <summary>Integrity checks that failed: gzip deflate data that does not decode or whose CRC-32/length trailer does
    /// not match, journal records failing their CRC or bounds.</summary>
    public long CrcFailures { get; internal set; }

    /// <summary>Lines or rows skipped as unparseable (no timestamp, no JSON object, too long, bad CSV row).</summary>
    public long MalformedLines { get; internal set; }

    /// <summary>Frames the exchange parser rejected (invalid JSON, missing field, bad number).</summary>
    public long RejectedFrames { get; internal set; }

    /// <summary>Input bytes that were not decoded: compressed data after a corruption, garbage after the last gzip
    /// member, journal bytes after a bad record.</summary>
    public long BytesSkipped { get; internal set; }

    /// <summary>Journal records skipped (failing their CRC, or inside a skipped stretch).</summary>
    public long RecordsSkipped { get; internal set; }

    /// <summary>Files or journal segments with any damage, or with an unreadable header.</summary>
    public long CorruptFiles { get; internal set; }

    /// <summary>Frames whose receive (local) time was earlier than the previous frame's in the same recording stream:
    /// kept, their time clamped to the previous one (<see cref="ReceiveTimeOrder"/>).</summary>
    public long LocalTimeBackwards { get; internal set; }

    /// <summary>The first problem found (file and offset), for the warning line.</summary>
    public string? FirstProblem { get; internal set; }

    /// <summary>Whether any counter other than <see cref="LocalTimeBackwards"/> is non-zero: something of the recording
    /// was lost or refused. A receive time that went backwards loses nothing (the line is kept at the previous time), so
    /// it does not fail a check of what the book saw (<c>book-check</c>); <see cref="Any"/> still counts it.</summary>
    public bool AnyLoss => TruncatedStreams + CrcFailures + MalformedLines + RejectedFrames + BytesSkipped + RecordsSkipped + CorruptFiles > 0;

    /// <summary>Whether any counter is non-zero.</summary>
    public bool Any => AnyLoss || LocalTimeBackwards > 0;

    /// <summary>The counters by their JSON names, in report order.</summary>
    public IEnumerable<KeyValuePair<string, long>> Counters =>
    [
        new("truncatedStreams", TruncatedStreams), new("crcFailures", CrcFailures), new("malformedLines", MalformedLines),
        new("rejectedFrames", RejectedFrames), new("bytesSkipped", BytesSkipped), new("recordsSkipped", RecordsSkipped),
        new("corruptFiles", CorruptFiles), new("localTimeBackwards", LocalTimeBackwards),
    ];

    /// <summary>The damage a source reported (zeros for sources that cannot be damaged, such as the simulator).</summary>
    /// <param name="source">A <see cref="Replay.ReplaySource"/>, frame source or event source; null gives zeros.</param>
    public static InputDamage Of(object? source)
    {
        var d = new InputDamage();
        d.AddFrom(source);
        return d;
    }

    /// <summary>Adds what <paramref name="source"/> reported (when it reports damage at all).</summary>
    public void AddFrom(object? source)
    {
        if (source is IInputDamageSource s) s.AddInputDamage(this);
    }

    /// <summary>
    /// Adds the frames <paramref name="parse"/> rejected (parsing happens after the reader) and, when the reader found
    /// nothing before, says why as the first problem (<c>the parser rejected 4 frames: BadNumber=4</c>): the warning line
    /// and <c>firstProblem</c> had named no reason, so a file of negative prices read like any other damage.
    /// </summary>
    public void AddRejectedFrames(ParseCounters? parse)
    {
        long n = parse?.Rejected ?? 0;
        if (n <= 0) return;
        RejectedFrames += n;
        var reasons = new List<string>();
        foreach (var r in Enum.GetValues<ParseResult>().Distinct())
            if (r >= ParseResult.FirstRejection && parse![r] != 0) reasons.Add($"{(r == ParseResult.Empty ? "Empty" : r.ToString())}={parse[r]}");
        Problem($"the parser rejected {n} frame(s): {string.Join(' ', reasons)}");
    }

    /// <summary>Adds <paramref name="other"/>'s counters (the first problem kept).</summary>
    public void Add(InputDamage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TruncatedStreams += other.TruncatedStreams;
        CrcFailures += other.CrcFailures;
        MalformedLines += other.MalformedLines;
        RejectedFrames += other.RejectedFrames;
        BytesSkipped += other.BytesSkipped;
        RecordsSkipped += other.RecordsSkipped;
        CorruptFiles += other.CorruptFiles;
        LocalTimeBackwards += other.LocalTimeBackwards;
        FirstProblem ??= other.FirstProblem;
    }

    internal void Problem(string text) => FirstProblem ??= text;

    /// <summary>The non-zero counters, e.g. <c>truncatedStreams=1 corruptFiles=1</c> ("none" when clean).</summary>
    public string Summary => Any ? string.Join(' ', Counters.Where(kv => kv.Value != 0).Select(kv => $"{kv.Key}={kv.Value}")) : "none";

    /// <inheritdoc />
    public override string ToString() => Summary + (FirstProblem is null ? "" : $"; first: {FirstProblem}");
}
