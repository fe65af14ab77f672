using System.Text.RegularExpressions;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A recording whose depth stream skips update ids loses its book until a snapshot resyncs it, and every decision in
/// between is refused (<c>bookNotSynced</c>). That must be said: it had shown only as <c>gaps: 1</c> and a
/// <c>stopReason</c> of <c>marketData</c>, exit 0, with no log line and no count of books discarded.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayBookContinuityTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_sequence_gap_is_counted_as_a_discarded_book_and_logged()
    {
        string clean = Path.Combine(_dir, "sim.txt");
        var sim = Hft.Run("simulate", "--minutes", "1", "--seed", "3", "--symbols", "btcusdt", "--out", clean);
        Assert.True(sim.ExitCode == 0, sim.ToString());
        var lines = File.ReadAllLines(clean).ToList();
        var depth = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("depthUpdate", StringComparison.Ordinal)).Select(x => x.i).ToList();
        lines.RemoveAt(depth[depth.Count / 2]); // one depth message lost mid-recording: the next one's U skips
        string gapped = Path.Combine(_dir, "gap.txt");
        File.WriteAllLines(gapped, lines);

        var run = Hft.Run("replay", gapped, "--no-model", "--quiet", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(1, (long)o["gaps"]!);
        Assert.Equal(1, (long)o["resyncs"]!);
        Assert.True((long)o["snapshots"]! >= 1);
        Assert.Contains("Order book lost continuity: 1 sequence gaps", run.Stderr, StringComparison.Ordinal);

        var undamaged = Hft.Run("replay", clean, "--no-model", "--quiet", "--json");
        Assert.Equal(0, (long)undamaged.SingleJson()["resyncs"]!);
        Assert.DoesNotContain("lost continuity", undamaged.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_older_than_the_stream_is_named_as_refused_not_missing()
    {
        string clean = Path.Combine(_dir, "sim.txt");
        var sim = Hft.Run("simulate", "--minutes", "1", "--seed", "3", "--symbols", "btcusdt", "--out", clean);
        Assert.True(sim.ExitCode == 0, sim.ToString());
        // Every snapshot taken 10,000 update ids earlier: none reaches the first buffered diff.
        string older = Path.Combine(_dir, "older.txt");
        File.WriteAllText(older, Regex.Replace(File.ReadAllText(clean), "\"lastUpdateId\":(\\d+)", m => $"\"lastUpdateId\":{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 10_000}"));

        var run = Hft.Run("replay", older, "--no-model", "--quiet", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(0, (long)o["snapshots"]!);
        Assert.True((long)o["snapshotsRejected"]! >= 1, run.ToString());
        Assert.Contains("depth snapshot(s) were refused as older than the first buffered diff", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("holds no depth snapshot", run.Stderr, StringComparison.Ordinal);
    }
}
