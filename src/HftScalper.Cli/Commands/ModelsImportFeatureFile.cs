using HftScalper.Inference.Import;
using Parquet;
using Parquet.Schema;

namespace HftScalper.Cli.Commands;

/// <summary>
/// The feature columns of <c>hft models import --features FILE</c>: a Parquet file (written by <c>hft features</c>,
/// or by pandas with the same columns), whose column order defines the list — <c>exchange_time_ns</c>, <c>symbol</c>
/// and <c>mid</c> are not features and are skipped — and whose last row of the first row group becomes the sample
/// row; or a text file (a JSON array, or names one per line or comma-separated, <c>#</c> comments).
/// </summary>
internal sealed record ModelsImportFeatureFile(IReadOnlyList<string> Names, string Source, string? SchemaHash, float[]? SampleRow, string SampleSource)
{
    private static readonly string[] NotFeatures = ["exchange_time_ns", "symbol", "mid"];

    public static ModelsImportFeatureFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--features: '{path}' not found");
        string name = Path.GetFileName(path);
        if (!IsParquet(path))
        {
            try { return new(FeatureContract.ParseNames(File.ReadAllText(path)), name, null, null, "zeros"); }
            catch (FormatException e) { throw new ArgumentException($"--features '{path}': {e.Message}", e); }
        }
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.DataFields.Where(f => !NotFeatures.Contains(f.Name, StringComparer.Ordinal)).ToArray();
            reader.CustomMetadata.TryGetValue("hft.feature_schema_hash", out var hash);
            var (row, sample) = ReadSampleRow(reader, fields, name);
            return new([.. fields.Select(f => f.Name)], $"the Parquet file {name}", hash, row, sample);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // Parquet files start with the magic bytes PAR1 (whatever the extension).
    private static bool IsParquet(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var fs = File.OpenRead(path);
        return fs.Read(head) == 4 && head.SequenceEqual("PAR1"u8);
    }

    private static (float[]? Row, string Source) ReadSampleRow(ParquetReader reader, DataField[] fields, string name)
    {
        if (reader.RowGroupCount == 0) return (null, $"zeros ({name} has no rows)");
        if (fields.Any(f => f.ClrType != typeof(float) || f.IsNullable)) return (null, $"zeros ({name}: not every feature column is non-null float32)");
        using var group = reader.OpenRowGroupReader(0);
        int n = checked((int)group.RowCount);
        if (n == 0) return (null, $"zeros ({name} has no rows)");
        var row = new float[fields.Length];
        var column = new float[n];
        for (int i = 0; i < fields.Length; i++)
        {
            group.ReadAsync(fields[i], column.AsMemory()).AsTask().GetAwaiter().GetResult();
            row[i] = column[n - 1];
        }
        return (row, $"row {n - 1} of the Parquet file {name}");
    }
}
