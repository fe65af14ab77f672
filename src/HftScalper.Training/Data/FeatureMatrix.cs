using System.Runtime.CompilerServices;

namespace HftScalper.Training.Data;

/// <summary>
/// Sample rows in one row-major <see cref="float"/> array (row i is <c>[i*Width, (i+1)*Width)</c>), with each row's
/// exchange time and mid (ticks) in parallel arrays. Grows by doubling while a dataset is collected; no per-row
/// objects, so a day of samples stays a handful of arrays.
/// </summary>
public sealed class FeatureMatrix
{
    private float[] _values;
    private long[] _times;
    private double[] _mids;

    /// <summary>Creates an empty matrix of <paramref name="width"/> columns.</summary>
    public FeatureMatrix(int width, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        capacity = Math.Max(capacity, 16);
        Width = width;
        _values = new float[capacity * width];
        _times = new long[capacity];
        _mids = new double[capacity];
    }

    /// <summary>Columns per row.</summary>
    public int Width { get; }

    /// <summary>Rows held.</summary>
    public int Rows { get; private set; }

    /// <summary>The row-major values of the rows held.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Rows * Width);

    /// <summary>Exchange time (ns) of each row.</summary>
    public ReadOnlySpan<long> TimesNs => _times.AsSpan(0, Rows);

    /// <summary>Mid price (ticks) at each row.</summary>
    public ReadOnlySpan<double> MidTicks => _mids.AsSpan(0, Rows);

    // The backing array (longer than Rows*Width) for views that index rows themselves (ML.NET's data view).
    internal float[] Buffer => _values;

    /// <summary>Row <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * Width, Width);

    /// <summary>Value of column <paramref name="column"/> in row <paramref name="row"/>.</summary>
    public float this[int row, int column]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _values[row * Width + column];
    }

    /// <summary>Appends a row; throws when <paramref name="row"/> is not <see cref="Width"/> wide.</summary>
    public void Add(ReadOnlySpan<float> row, long timeNs, double midTicks)
    {
        if (row.Length != Width) throw new ArgumentException($"row has {row.Length} values, the matrix {Width} columns", nameof(row));
        if (Rows == _times.Length) Grow();
        row.CopyTo(_values.AsSpan(Rows * Width, Width));
        _times[Rows] = timeNs;
        _mids[Rows] = midTicks;
        Rows++;
    }

    /// <summary>A new matrix holding the rows <paramref name="rows"/> (in that order).</summary>
    public FeatureMatrix Select(ReadOnlySpan<int> rows)
    {
        var m = new FeatureMatrix(Width, rows.Length);
        foreach (var r in rows) m.Add(Row(r), _times[r], _mids[r]);
        return m;
    }

    /// <summary>Overwrites column <paramref name="column"/> of every row (used by tests that plant a feature).</summary>
    public void SetColumn(int column, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)Width, nameof(column));
        if (values.Length != Rows) throw new ArgumentException($"need {Rows} values, got {values.Length}", nameof(values));
        for (int i = 0; i < Rows; i++) _values[i * Width + column] = values[i];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        int capacity = _times.Length * 2;
        Array.Resize(ref _values, capacity * Width);
        Array.Resize(ref _times, capacity);
        Array.Resize(ref _mids, capacity);
    }
}
