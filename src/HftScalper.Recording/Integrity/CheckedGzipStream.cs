using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using HftScalper.Core.Feeds;
using Microsoft.Win32.SafeHandles;

namespace HftScalper.Recording.Integrity;

/// <summary>
/// Decompresses a gzip file member by member and checks each one: its header, its deflate data and its CRC-32 and
/// length trailer (the runtime's <see cref="GZipStream"/> ends a truncated file silently). Damage never throws: it is
/// counted into an <see cref="InputDamage"/> and reading goes on where it safely can.
/// </summary>
/// <remarks>
/// <para>A member cut short (the file ends inside it) counts a truncated stream. Deflate data that fails to decode, or
/// a trailer that does not match what was decoded, counts a CRC failure: the rest of that member cannot be trusted,
/// so its compressed bytes count as skipped and reading resumes at the next member header found after the damage
/// (concatenated gzip files have several members). Bytes after the last member count as skipped.</para>
/// <para>Member boundaries: the raw <see cref="DeflateStream"/> reads its input in chunks and keeps what follows the
/// end of the deflate data, so the trailer is found by searching the last chunk for the 8 bytes it must hold (the
/// CRC-32 and length of what was decoded), a match by chance being a 2^-64 event. Decoded bytes cost one CRC-32
/// pass (vectorised); nothing is allocated per read, nor at the end of a member.</para>
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private const int HeaderFlagHeaderCrc = 2, HeaderFlagExtra = 4, HeaderFlagName = 8, HeaderFlagComment = 16;

    private readonly SafeFileHandle _file;
    private readonly long _length;
    private readonly string _path;
    private readonly InputDamage _damage;
    private readonly Crc32 _crc = new();
    private readonly Feed _feed;
    private DeflateStream? _inflate;
    private byte[] _scratch = new byte[(1 << 15) + 16]; // trailer search and resync scans: allocated at open, not per member
    private long _memberStart;     // offset of the current member's header
    private long _dataStart;       // offset of its deflate data
    private long _memberLength;    // bytes decoded from it
    private long _next;            // where the next member starts
    private bool _resyncing;       // looking for a good member after damage: candidates that fail are not counted again
    private bool _breakLine;       // damage cut the text: end the broken line before what follows
    private bool _done;

    /// <summary>Opens <paramref name="path"/>; damage is added to <paramref name="damage"/>.</summary>
    public CheckedGzipStream(string path, InputDamage damage)
    {
        _path = path;
        _damage = damage;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        _length = RandomAccess.GetLength(_file);
        _feed = new Feed(_file);
        var feed = _feed;
        InputProgress.Current?.TrackFile(path, () => feed.Offset); // compressed bytes, as the total counts them
    }

    /// <summary>Whether any damage was found in this file so far.</summary>
    public bool Damaged { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (!_done)
        {
            if (_inflate is null && !StartMember())
            {
                _done = true;
                break;
            }
            if (_breakLine)
            {
                // The damaged member's last line is cut: a newline keeps it from swallowing the next member's first line.
                _breakLine = false;
                buffer[0] = (byte)'\n';
                return 1;
            }
            int n;
            try
            {
                n = _inflate!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                Corrupt($"corrupt deflate data ({e.Message})", _feed.ChunkStart);
                continue;
            }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                _resyncing = false;
                return n;
            }
            EndMember();
        }
        return 0;
    }

    // Parses the member header at _next and starts inflating after it; false at the end of the file.
    private bool StartMember()
    {
        while (_next < _length)
        {
            long at = _next;
            if (TryParseHeader(at, out long dataStart))
            {
                _memberStart = at;
                _dataStart = dataStart;
                _memberLength = 0;
                _crc.Reset();
                _feed.Reset(dataStart);
                _inflate = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
                return true;
            }
            if (_resyncing)
            {
                _next = FindMagic(at + 1);
                _damage.BytesSkipped += _next - at;
                continue;
            }
            Fail(at == 0 ? "not a gzip header" : "bytes after the last gzip member are not a gzip member", at, countCrc: false);
            _damage.BytesSkipped += _length - at;
            _next = _length;
        }
        return false;
    }

    private void EndMember()
    {
        // The trailer follows the deflate data, which ended somewhere in the last chunk the inflater read.
        long from = Math.Max(_dataStart, _feed.PreviousChunkStart);
        long to = Math.Min(_length, _feed.Offset + 8);
        Span<byte> trailer = stackalloc byte[8];
        _crc.GetCurrentHash(trailer[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberLength));
        int want = (int)(to - from) + 3;
        if (want > _scratch.Length) _scratch = new byte[want];
        int got = RandomAccess.Read(_file, _scratch.AsSpan(0, want), from);
        var w = _scratch.AsSpan(0, got);
        int found = w.IndexOf(trailer);
        DisposeInflater();
        if (found >= 0)
        {
            _next = from + found + 8;
            return;
        }
        if (_feed.HitEnd)
        {
            // The inflater asked for more input and the file had none: the member is cut short.
            _damage.TruncatedStreams++;
            Damaged = true;
            _damage.Problem($"{_path}: gzip stream truncated (the member at byte {_memberStart} ends with the file at byte {_length})");
            _next = _length;
            _resyncing = false;
            return;
        }
        Fail("gzip CRC-32/length trailer does not match the decoded data of the member starting", _memberStart, countCrc: true);
        // Where this member's trailer most likely sits: 8 bytes before the end of the file or the next member's magic.
        for (int i = 0; i + 8 <= w.Length; i++)
        {
            long end = from + i + 8;
            if (end == _length || IsMagic(w[(i + 8)..]))
            {
                _next = end;
                _resyncing = end < _length;
                return;
            }
        }
        _next = FindMagic(from);
        _damage.BytesSkipped += _next - from;
    }

    private void Corrupt(string what, long near)
    {
        DisposeInflater();
        if (_resyncing)
        {
            // A false member start found while resynchronising: keep looking.
            long resume = FindMagic(_memberStart + 1);
            _damage.BytesSkipped += resume - _memberStart;
            _next = resume;
            return;
        }
        Fail(what, near, countCrc: true);
        long next = FindMagic(Math.Max(near, _dataStart));
        _damage.BytesSkipped += next - Math.Max(near, _dataStart);
        _next = next;
    }

    private void Fail(string what, long offset, bool countCrc)
    {
        if (countCrc) _damage.CrcFailures++;
        Damaged = true;
        _resyncing = true;
        _breakLine = true;
        _damage.Problem($"{_path}: {what} at byte {offset} of {_length}");
    }

    private void DisposeInflater()
    {
        _inflate?.Dispose();
        _inflate = null;
    }

    // Offset of the next plausible member header (1f 8b 08, reserved flag bits clear) at or after from, else the length.
    private long FindMagic(long from)
    {
        var buf = _scratch;
        for (long at = from; at < _length;)
        {
            int n = RandomAccess.Read(_file, buf, at);
            if (n < 4) break;
            var s = buf.AsSpan(0, n);
            for (int i = 0; ;)
            {
                int k = s[i..].IndexOf((byte)0x1f);
                if (k < 0) break;
                i += k;
                if (i + 4 > n) break;
                if (IsMagic(s[i..])) return at + i;
                i++;
            }
            if (at + n >= _length) break;
            at += n - 3;
        }
        return _length;
    }

    private static bool IsMagic(ReadOnlySpan<byte> s) => s.Length >= 4 && s[0] == 0x1f && s[1] == 0x8b && s[2] == 8 && (s[3] & 0xE0) == 0;

    private bool TryParseHeader(long at, out long dataStart)
    {
        dataStart = 0;
        Span<byte> h = stackalloc byte[10];
        if (RandomAccess.Read(_file, h, at) < 10 || !IsMagic(h)) return false;
        byte flags = h[3];
        long p = at + 10;
        if ((flags & HeaderFlagExtra) != 0)
        {
            Span<byte> xlen = stackalloc byte[2];
            if (RandomAccess.Read(_file, xlen, p) < 2) return false;
            p += 2 + BinaryPrimitives.ReadUInt16LittleEndian(xlen);
        }
        if ((flags & HeaderFlagName) != 0 && !SkipZeroTerminated(ref p)) return false;
        if ((flags & HeaderFlagComment) != 0 && !SkipZeroTerminated(ref p)) return false;
        if ((flags & HeaderFlagHeaderCrc) != 0) p += 2;
        if (p > _length) return false;
        dataStart = p;
        return true;
    }

    private bool SkipZeroTerminated(ref long p)
    {
        Span<byte> chunk = stackalloc byte[256];
        while (p < _length)
        {
            int n = RandomAccess.Read(_file, chunk, p);
            if (n <= 0) return false;
            int z = chunk[..n].IndexOf((byte)0);
            if (z >= 0)
            {
                p += z + 1;
                return true;
            }
            p += n;
        }
        return false;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeInflater();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    // The compressed bytes handed to the inflater, remembering where its last two reads started.
    private sealed class Feed(SafeFileHandle file) : Stream
    {
        public long Offset;
        public long ChunkStart;
        public long PreviousChunkStart;
        public bool HitEnd;

        public void Reset(long at)
        {
            Offset = ChunkStart = PreviousChunkStart = at;
            HitEnd = false;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            PreviousChunkStart = ChunkStart;
            ChunkStart = Offset;
            int n = RandomAccess.Read(file, buffer, Offset);
            if (n == 0) HitEnd = true;
            Offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Offset; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
