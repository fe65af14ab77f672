using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// The most recent real feature rows, kept so a new model can be checked on the market it is about to serve
/// (finite outputs, latency) before it goes live. The feature/inference stage calls <see cref="Record"/> per
/// decision (one copy into a pre-allocated ring, no allocation, no lock); the validator takes a
/// <see cref="Snapshot"/> off the hot path. A snapshot may race a write and see a row half old, half new: both
/// halves are real values, which is all a canary needs, so no seqlock is paid on the hot path.
/// </summary>
public sealed class CanaryRows
{
    private readonly float[] _rows;
    private long _written;

    /// <summary>Keeps the last <paramref name="capacity"/> rows of <paramref name="width"/> floats.</summary>
    public CanaryRows(int width, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Width = width;
        Capacity = capacity;
        _rows = new float[width * capacity];
    }

    /// <summary>Floats per row.</summary>
    public int Width { get; }

    /// <summary>Rows kept.</summary>
    public int Capacity { get; }

    /// <summary>Rows recorded so far (all time).</summary>
    public long Recorded => Volatile.Read(ref _written);

    /// <summary>Copies <paramref name="row"/> (at least <see cref="Width"/> floats; extra ignored) into the ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(ReadOnlySpan<float> row)
    {
        if (row.Length < Width) return;
        long n = _written;
        row[..Width].CopyTo(_rows.AsSpan((int)(n % Capacity) * Width, Width));
        Volatile.Write(ref _written, n + 1);
    }

    /// <summary>A copy of the rows held (oldest first), <c>rows*Width</c> floats; allocates.</summary>
    public float[] Snapshot(out int rows)
    {
        long n = Volatile.Read(ref _written);
        rows = (int)Math.Min(n, Capacity);
        var copy = new float[rows * Width];
        long first = n - rows;
        for (int i = 0; i < rows; i++)
            _rows.AsSpan((int)((first + i) % Capacity) * Width, Width).CopyTo(copy.AsSpan(i * Width));
        return copy;
    }
}
