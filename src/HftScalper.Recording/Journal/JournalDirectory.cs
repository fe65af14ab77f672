using System.Globalization;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Naming of segment files: <c>journal-000042-20240808T235415Z.hftj</c> (index, then the UTC time of the first
/// record). The zero-padded index comes first so ordinal name order is replay order.
/// </summary>
public static class JournalDirectory
{
    private const string Prefix = "journal-";

    /// <summary>File name of segment <paramref name="index"/> whose first record has local time <paramref name="startNs"/>.</summary>
    public static string SegmentFileName(int index, long startNs)
    {
        var t = DateTime.UnixEpoch.AddTicks(Math.Max(0, startNs) / 100);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{index:D6}-{t:yyyyMMdd'T'HHmmss'Z'}{JournalFormat.FileExtension}");
    }

    /// <summary>The segments in <paramref name="directory"/>, in replay order.</summary>
    public static IReadOnlyList<string> ListSegments(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var files = Directory.GetFiles(directory, Prefix + "*" + JournalFormat.FileExtension);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The index in a segment file name (or -1 when the name is not one of ours).</summary>
    public static int SegmentIndexOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length < Prefix.Length + 6) return -1;
        return int.TryParse(name.AsSpan(Prefix.Length, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : -1;
    }

    /// <summary>Segment files and journal folders expanded to segment files, in the order given.</summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static List<string> ExpandSegments(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var list = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p)) list.AddRange(ListSegments(p));
            else if (File.Exists(p)) list.Add(p);
            else throw new FileNotFoundException($"journal segment or folder not found: {p}", p);
        }
        return list;
    }

    /// <summary>The header of a segment file (or, when its header is damaged, of another segment beside it), or of
    /// the first segment of a folder with a readable header (null when none).</summary>
    public static JournalHeader? ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = Directory.Exists(path) ? ListSegments(path) : [path];
        foreach (var f in files)
        {
            using var cursor = new SegmentCursor(f, new byte[64]);
            if (cursor.Header is { } h) return h;
        }
        return Directory.Exists(path) ? null : SiblingHeader(path);
    }

    /// <summary>
    /// A readable header of another segment in the folder of <paramref name="segment"/> (the nearest by index), to read
    /// the records of a segment whose own header is damaged: every segment's header lists the full specification of
    /// the symbols known when it opened, so a sibling's serves (the nearest later one lists every symbol the damaged
    /// segment's records can name). Null when no other segment has a readable header.
    /// </summary>
    internal static JournalHeader? SiblingHeader(string segment)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(segment));
        if (dir is null) return null;
        string self = Path.GetFullPath(segment);
        int index = SegmentIndexOf(segment);
        var others = ListSegments(dir).Where(f => Path.GetFullPath(f) != self)
            .OrderBy(f => SegmentIndexOf(f) > index ? 0 : 1).ThenBy(f => Math.Abs(SegmentIndexOf(f) - index));
        foreach (var f in others)
        {
            using var cursor = new SegmentCursor(f, new byte[64]);
            if (cursor.Header is { } h) return h;
        }
        return null;
    }
}
