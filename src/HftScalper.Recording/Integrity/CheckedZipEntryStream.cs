using System.IO.Compression;
using System.IO.Hashing;

namespace HftScalper.Recording.Integrity;

/// <summary>
/// Reads one zip entry and checks it against its central directory record: the CRC-32 and the length of what was
/// decoded (the runtime's entry stream checks neither). Damage never throws: deflate data that does not decode ends
/// the entry and counts a CRC failure with its undecoded remainder as skipped bytes; a short entry counts a truncated
/// stream; a CRC mismatch counts a CRC failure.
/// </summary>
internal sealed class CheckedZipEntryStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable _owner;
    private readonly string _path;
    private readonly uint _expectedCrc;
    private readonly long _expectedLength;
    private readonly InputDamage _damage;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _done;

    /// <summary>Opens <paramref name="entry"/>; disposing the stream disposes <paramref name="owner"/> (the archive).</summary>
    public CheckedZipEntryStream(ZipArchiveEntry entry, IDisposable owner, string path, InputDamage damage)
    {
        _inner = entry.Open();
        _owner = owner;
        _path = path;
        _expectedCrc = entry.Crc32;
        _expectedLength = entry.Length;
        _damage = damage;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_done || buffer.IsEmpty) return 0;
        int n;
        try
        {
            n = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            Damaged($"corrupt deflate data ({e.Message}) after {_length} of {_expectedLength} bytes");
            _damage.CrcFailures++;
            _damage.BytesSkipped += Math.Max(0, _expectedLength - _length);
            return 0;
        }
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _length += n;
            return n;
        }
        if (_length != _expectedLength)
        {
            Damaged($"entry ends after {_length} of {_expectedLength} bytes");
            _damage.TruncatedStreams++;
        }
        else if (_crc.GetCurrentHashAsUInt32() != _expectedCrc)
        {
            Damaged("CRC-32 does not match the entry's");
            _damage.CrcFailures++;
        }
        _done = true;
        return 0;
    }

    private void Damaged(string what)
    {
        _done = true;
        _damage.CorruptFiles++;
        _damage.Problem($"{_path}: {what}");
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner.Dispose();
        }
        base.Dispose(disposing);
    }
}
