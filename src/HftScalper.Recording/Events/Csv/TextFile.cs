using System.IO.Compression;
using HftScalper.Core.Feeds;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Events.Csv;

/// <summary>Opens a text file that may be plain, gzip or a zip holding one CSV entry.</summary>
internal static class TextFile
{
    /// <summary>Opens a plain, gzip or zip file; damage in compressed data is counted into <paramref name="damage"/>.</summary>
    public static Stream Open(string path, InputDamage damage)
    {
        if (IsGzip(path)) return new CheckedGzipStream(path, damage);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[4];
        int n = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (n >= 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4)
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(file, ZipArchiveMode.Read);
            }
            catch (InvalidDataException e)
            {
                file.Dispose();
                throw new InvalidDataException($"{path}: unreadable zip archive, truncated or corrupt ({e.Message})", e);
            }
            var entry = zip.Entries.FirstOrDefault(e => e.Length > 0 && !e.FullName.EndsWith('/'));
            if (entry is null)
            {
                bool emptyFile = zip.Entries.Any(e => !e.FullName.EndsWith('/'));
                zip.Dispose();
                // An empty entry is an empty file (a Lean day without trades), not damage: it reads as no rows.
                if (emptyFile) return Stream.Null;
                throw new InvalidDataException($"{path}: zip archive holds no file");
            }
            InputProgress.Current?.TrackFile(path, () => file.Position); // compressed bytes read (until the zip closes)
            return new CheckedZipEntryStream(entry, zip, path, damage);
        }
        return new MeteredStream(file, path);
    }

    /// <summary>Opens a plain or gzip file (gzip checked: see <see cref="CheckedGzipStream"/>).</summary>
    public static Stream OpenPlainOrGzip(string path, InputDamage damage)
    {
        if (IsGzip(path)) return new CheckedGzipStream(path, damage);
        return new MeteredStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), path);
    }

    private static bool IsGzip(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> magic = stackalloc byte[2];
        return RandomAccess.Read(file, magic, 0) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>Name of the first entry of a zip (Lean puts the symbol there), or null.</summary>
    public static string? FirstZipEntryName(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.FirstOrDefault()?.FullName;
        }
        catch (InvalidDataException) { return null; }
    }
}
