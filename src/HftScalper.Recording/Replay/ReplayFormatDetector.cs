using System.Text;
using HftScalper.Recording.Events;
using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Recognises a recording by its content (journal magic, the first decompressed line) and, where content is
/// ambiguous, by the conventional file names (Lean and LOBSTER pairs, cryptofeed channels).
/// </summary>
public static class ReplayFormatDetector
{
    /// <summary>The format of a file or folder.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static ReplayFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) return JournalDirectory.ListSegments(path).Count > 0 ? JournalKindOf(path) : ReplayFormat.Unknown;
        if (!File.Exists(path)) throw new FileNotFoundException($"recording not found: {path}", path);
        string name = Path.GetFileName(path);

        Span<byte> head = stackalloc byte[8];
        int n;
        using (var f = File.OpenRead(path)) n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (JournalFormat.HasMagic(head[..n])) return JournalKindOf(path);
        if (LeanTickSource.IsQuoteName(name) || LeanTickSource.IsTradeName(name)) return ReplayFormat.LeanTicks;
        if (name.Contains("_message_", StringComparison.Ordinal)) return ReplayFormat.LobsterMessages;
        if (name.Contains("_orderbook_", StringComparison.Ordinal)) return ReplayFormat.LobsterOrderbook;

        string? first = FirstLine(path);
        if (first is null) return ReplayFormat.Unknown;
        return DetectFromFirstLine(name, first);
    }

    /// <summary>Format of a file named <paramref name="fileName"/> whose first (decompressed) line is <paramref name="firstLine"/>.</summary>
    public static ReplayFormat DetectFromFirstLine(string fileName, string firstLine)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(firstLine);
        if (IsRawLine(firstLine)) return ReplayFormat.RawLines;
        if (IsCryptofeed(fileName, firstLine)) return ReplayFormat.Cryptofeed;
        if (BinanceCsvSource.DetectKind(fileName, firstLine) is not null) return ReplayFormat.BinanceCsv;
        return ReplayFormat.Unknown;
    }

    /// <summary>Why a file of <see cref="ReplayFormat.Unknown"/> format is a known file that cannot be replayed
    /// (<see cref="BinanceCsvSource.NotReplayable"/>), or null when it is simply not recognised.</summary>
    public static string? Refusal(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path) ? BinanceCsvSource.NotReplayable(Path.GetFileName(path), FirstLine(path)) : null;
    }

    /// <summary>True for <c>&lt;digits&gt; {</c> (the recorder's raw line).</summary>
    public static bool IsRawLine(string line)
    {
        int i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        return i >= 10 && i + 1 < line.Length && line[i] == ' ' && line[i + 1] == '{';
    }

    /// <summary>cryptofeed: <c>wss://... &lt;-&gt; ts</c> or <c>ts: {json}</c> or <c>https://... -&gt; ts: {json}</c>.</summary>
    public static bool IsCryptofeed(string fileName, string line)
    {
        if (line.StartsWith("wss://", StringComparison.Ordinal) || line.StartsWith("ws://", StringComparison.Ordinal))
            return line.Contains(" <-> ", StringComparison.Ordinal);
        if (line.StartsWith("http", StringComparison.Ordinal) && line.Contains(" -> ", StringComparison.Ordinal)) return true;
        int colon = line.IndexOf(": {", StringComparison.Ordinal);
        bool tsPrefix = colon > 0 && double.TryParse(line.AsSpan(0, colon), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out _);
        return tsPrefix || ((fileName.Contains(".ws.", StringComparison.Ordinal) || fileName.Contains(".http.", StringComparison.Ordinal)) &&
                            line.Contains('{'));
    }

    // Frames or events, from the first readable segment header (a journal whose headers are all bad reads as
    // frames, whose reader then reports each bad header).
    private static ReplayFormat JournalKindOf(string path) =>
        JournalDirectory.ReadHeader(path)?.Kind == JournalKind.Events ? ReplayFormat.EventJournal : ReplayFormat.Journal;

    private static string? FirstLine(string path)
    {
        try
        {
            using var lines = new LineReader(TextFile.Open(path, new Integrity.InputDamage()), 1 << 12);
            if (!lines.TryReadLine(out var l)) return null;
            return Encoding.UTF8.GetString(l[..Math.Min(l.Length, 4096)]);
        }
        catch (InvalidDataException)
        {
            return null; // a corrupt gzip/zip is not a format we know
        }
    }
}
