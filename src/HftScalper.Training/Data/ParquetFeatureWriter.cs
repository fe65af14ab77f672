using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Schema;
using Parquet;
using Parquet.Schema;

namespace HftScalper.Training.Data;

/// <summary>
/// Writes feature rows to a Parquet file for pandas and training: columns <c>exchange_time_ns</c> (int64),
/// <c>symbol</c> (string), <c>mid</c> (double, price units converted to the quote currency), then one float column
/// per feature in schema order. Rows are buffered into row groups of <see cref="RowGroupSize"/>; the file's key-value
/// metadata carries the schema hash and version. Same rows, same bytes (Snappy, no timestamps in the file).
/// </summary>
public sealed class ParquetFeatureWriter : IDisposable
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 65_536;

    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly ParquetSchema _schema;
    private readonly SymbolRegistry _symbols;
    private readonly long[] _time = new long[RowGroupSize];
    private readonly string[] _symbol = new string[RowGroupSize];
    private readonly double[] _mid = new double[RowGroupSize];
    private readonly float[][] _features;
    private int _count;
    private bool _disposed;

    /// <summary>Creates (overwrites) <paramref name="path"/> for rows of <paramref name="featureSchema"/>.</summary>
    public ParquetFeatureWriter(string path, FeatureSchema featureSchema, SymbolRegistry symbols)
    {
        ArgumentNullException.ThrowIfNull(featureSchema);
        _symbols = symbols ?? throw new ArgumentNullException(nameof(symbols));
        var fields = new List<Field> { new DataField<long>("exchange_time_ns"), new DataField<string>("symbol"), new DataField<double>("mid") };
        foreach (var f in featureSchema.Features) fields.Add(new DataField<float>(f.Name));
        _schema = new ParquetSchema(fields);
        _features = new float[featureSchema.Count][];
        for (int i = 0; i < _features.Length; i++) _features[i] = new float[RowGroupSize];
        _stream = File.Create(path);
        try
        {
            _writer = ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy })
                .GetAwaiter().GetResult();
            _writer.CustomMetadata = new Dictionary<string, string>
            {
                ["hft.feature_schema_hash"] = featureSchema.Hash,
                ["hft.feature_schema_version"] = featureSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>Rows written so far (including buffered ones).</summary>
    public long Rows { get; private set; }

    /// <summary>Buffers one row; a full row group is written out.</summary>
    public void Add(in DecisionInfo info, ReadOnlySpan<float> row)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (row.Length < _features.Length) throw new ArgumentException($"a row needs {_features.Length} floats", nameof(row));
        var symbol = (uint)info.SymbolId < (uint)_symbols.Count ? _symbols[info.SymbolId] : null;
        _time[_count] = info.ExchangeTimeNs;
        _symbol[_count] = symbol?.Name ?? "";
        _mid[_count] = symbol is null ? info.MidTicks : info.MidTicks / Math.Pow(10, symbol.PriceDecimals);
        for (int i = 0; i < _features.Length; i++) _features[i][_count] = row[i];
        _count++;
        Rows++;
        if (_count == RowGroupSize) Flush();
    }

    private void Flush()
    {
        if (_count == 0) return;
        using var group = _writer.CreateRowGroup();
        var df = _schema.DataFields;
        group.WriteAsync(df[0], new ReadOnlyMemory<long>(_time, 0, _count)).GetAwaiter().GetResult();
        group.WriteAsync(df[1], new ArraySegment<string>(_symbol, 0, _count)).GetAwaiter().GetResult();
        group.WriteAsync(df[2], new ReadOnlyMemory<double>(_mid, 0, _count)).GetAwaiter().GetResult();
        for (int i = 0; i < _features.Length; i++)
            group.WriteAsync(df[3 + i], new ReadOnlyMemory<float>(_features[i], 0, _count)).GetAwaiter().GetResult();
        _count = 0;
    }

    /// <summary>Writes the buffered rows and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            Flush();
        }
        finally
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Dispose();
        }
    }
}
