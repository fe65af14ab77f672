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
}
