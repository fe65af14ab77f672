using System.IO.Compression;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Events.Csv;

/// <summary>Opens a text file that may be plain, gzip or a zip holding one CSV entry.</summary>
internal static class TextFile
{
    /// <summary>Opens a plain, gzip or zip file; damage in gzip data is counted into <paramref name="damage"/>.</summary>
    public static Stream Open(string path, InputDamage damage)
    {
        if (IsGzip(path)) return new CheckedGzipStream(path, damage);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[4];
        int n = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (n >= 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4)
        {
            var zip = new ZipArchive(file, ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e => e.Length > 0 && !e.FullName.EndsWith('/'))
                ?? throw new InvalidDataException($"{path}: zip archive holds no file");
            return new OwningStream(entry.Open(), zip);
        }
        return file;
    }

    /// <summary>Opens a plain or gzip file (gzip checked: see <see cref="CheckedGzipStream"/>).</summary>
    public static Stream OpenPlainOrGzip(string path, InputDamage damage) =>
        IsGzip(path) ? new CheckedGzipStream(path, damage)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

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

    // Disposes the archive with the entry stream it came from.
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { inner.Dispose(); owner.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
