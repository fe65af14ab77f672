using HftScalper.Training.Data;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// The recent past a candidate is trained on: sampled feature rows (one per <see cref="AdaptationOptions.SampleIntervalNs"/>
/// of exchange time) and every decision's mid (the path labels are read from), both in bounded rings, so memory stays
/// fixed however long the run. One thread adds; <see cref="Snapshot"/> copies for the trainer.
/// </summary>
internal sealed class RecentWindow
{
    private readonly int _width, _rowCap, _pathCap;
    private readonly float[] _rows;
    private readonly long[] _rowTimes, _pathTimes;
    private readonly double[] _rowMids, _pathMids;
    private long _rowCount, _pathCount, _nextSampleNs = long.MinValue;

    public RecentWindow(int width, int maxRows, int maxPath)
    {
        _width = width;
        _rowCap = maxRows;
        _pathCap = maxPath;
        _rows = new float[maxRows * width];
        _rowTimes = new long[maxRows];
        _rowMids = new double[maxRows];
        _pathTimes = new long[maxPath];
        _pathMids = new double[maxPath];
    }

    /// <summary>Rows held (at most the cap).</summary>
    public int Rows => (int)Math.Min(_rowCount, _rowCap);

    /// <summary>Adds one decision of the followed symbol (synced book, finite mid).</summary>
    public void Add(long timeNs, double mid, long sampleIntervalNs, ReadOnlySpan<float> row)
    {
        if (_pathCount > 0 && timeNs < _pathTimes[(_pathCount - 1) % _pathCap]) return;
        int p = (int)(_pathCount++ % _pathCap);
        _pathTimes[p] = timeNs;
        _pathMids[p] = mid;
        if (timeNs < _nextSampleNs || row.Length != _width) return;
        foreach (var v in row) if (!float.IsFinite(v)) return;
        _nextSampleNs = (timeNs / sampleIntervalNs + 1) * sampleIntervalNs;
        int r = (int)(_rowCount++ % _rowCap);
        row.CopyTo(_rows.AsSpan(r * _width, _width));
        _rowTimes[r] = timeNs;
        _rowMids[r] = mid;
    }

    /// <summary>Copies the samples of the last <paramref name="spanNs"/> before <paramref name="nowNs"/> and the path.</summary>
    public (FeatureMatrix Samples, DecisionSeries Path) Snapshot(long nowNs, long spanNs)
    {
        var samples = new FeatureMatrix(_width, Rows);
        long firstRow = Math.Max(0, _rowCount - _rowCap);
        for (long i = firstRow; i < _rowCount; i++)
        {
            int r = (int)(i % _rowCap);
            if (_rowTimes[r] < nowNs - spanNs) continue;
            samples.Add(_rows.AsSpan(r * _width, _width), _rowTimes[r], _rowMids[r]);
        }
        var path = new DecisionSeries((int)Math.Min(_pathCount, _pathCap));
        long firstPath = Math.Max(0, _pathCount - _pathCap);
        for (long i = firstPath; i < _pathCount; i++)
        {
            int p = (int)(i % _pathCap);
            path.Add(_pathTimes[p], _pathMids[p]);
        }
        return (samples, path);
    }
}
