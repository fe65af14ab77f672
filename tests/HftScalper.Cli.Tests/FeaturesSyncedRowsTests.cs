using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>features</c> writes the rows training learns from and evaluation scores: decisions whose depth book is synced.
/// Rows from before the first snapshot (or after a gap until the resync) had been written unmarked; they are left out
/// and counted (<c>unsyncedRowsDropped</c>).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class FeaturesSyncedRowsTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Rows_of_an_unsynced_book_are_left_out_counted_and_the_rest_are_what_training_uses()
    {
        // A simulated recording opens with book tickers before the depth snapshot: those decisions have no synced book.
        string file = Path.Combine(_dir, "sim.gz"), parquet = Path.Combine(_dir, "f.parquet");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "1", "--seed", "3", "--symbols", "btcusdt", "--out", file]).ExitCode);

        var run = Hft.Run(["features", file, "--out", parquet, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        long rows = (long)o["rows"]!, dropped = (long)o["unsyncedRowsDropped"]!;
        Assert.True(dropped > 0, run.ToString());
        Assert.Equal((long)o["decisions"]!, rows + dropped);
        var training = ReplayDataset.Build([file], SimulatorOptions.Default, sampleIntervalNs: 0);
        Assert.Equal(training.Samples.Rows, rows);
        Assert.Equal(training.UnsyncedDecisions, dropped);
    }

    [Fact]
    public void A_recording_that_never_syncs_writes_no_row_and_says_why()
    {
        // Depth diffs and tickers without any snapshot: no book ever syncs.
        string file = Path.Combine(_dir, "nosnap.gz"), parquet = Path.Combine(_dir, "n.parquet");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "1", "--seed", "3", "--symbols", "btcusdt", "--out", file]).ExitCode);
        string plain = Path.Combine(_dir, "nosnap.txt");
        using (var input = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress)))
            File.WriteAllLines(plain, ReadLines(input).Where(l => !l.Contains("lastUpdateId", StringComparison.Ordinal)));

        var run = Hft.Run(["features", plain, "--out", parquet, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(0, (long)o["rows"]!);
        Assert.Equal((long)o["decisions"]!, (long)o["unsyncedRowsDropped"]!);
        Assert.Contains("no decision had a synced book", run.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> ReadLines(StreamReader r)
    {
        while (r.ReadLine() is { } line) yield return line;
    }
}
