using System.Text.Json.Nodes;
using HftScalper.Binance.IntegrationTests.Recording;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.IntegrationTests.Damage;

/// <summary>
/// Issue 13 item 4: <c>book-check</c> passes only data it checked, says why it failed, sorts files given out of time
/// order and reads journals.
/// </summary>
public sealed class BookCheckPassRuleTests(DamagedRecordings data) : IClassFixture<DamagedRecordings>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_clean_recording_passes_with_tickers_checked()
    {
        var (exit, o, stderr) = await BookCheck(data.Clean);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o["passed"]!.GetValue<bool>());
        Assert.True(o["tickerChecked"]!.GetValue<long>() > 0);
        Assert.Empty(o["failures"]!.AsArray());
    }

    [Fact]
    public async Task Damaged_input_fails_the_check()
    {
        var (exit, o, stderr) = await BookCheck(data.Truncated());

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains(Failures(o), f => f.StartsWith("damaged input", StringComparison.Ordinal));
        Assert.Equal(1, o["inputDamage"]!["truncatedStreams"]!.GetValue<long>());
    }

    [Fact]
    public async Task Files_given_in_reverse_time_order_are_sorted_and_checked()
    {
        int half = data.Lines.Length / 2;
        var first = data.WriteLines("part1.txt", data.Lines[..half]);
        var second = data.WriteLines("part2.txt", data.Lines[half..]);
        var (_, inOrder, _) = await BookCheck(first, second);

        var (exit, o, stderr) = await BookCheck(second, first);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o["filesReordered"]!.GetValue<bool>());
        Assert.Contains("out of time order", stderr, StringComparison.Ordinal);
        Assert.True(o["tickerChecked"]!.GetValue<long>() > 0);
        Assert.Equal(inOrder["tickerChecked"]!.GetValue<long>(), o["tickerChecked"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_snapshot_as_the_first_line_belongs_to_the_files_symbol_and_the_book_syncs_from_it()
    {
        // A collector that takes its snapshot before streaming writes it first: the bare snapshot line is the file's
        // symbol's (inferred from the file's own lines), and the diffs it predates are dropped by the sync rule.
        int s = data.SnapshotLine;
        var lines = new[] { data.Lines[s] }.Concat(data.Lines.Where((_, i) => i != s));
        var (exit, o, stderr) = await BookCheck(data.WriteLines("snapshot-first.txt", lines));

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o["passed"]!.GetValue<bool>());
        Assert.True(o["tickerChecked"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task A_receive_time_that_goes_backwards_is_counted_and_warned_but_does_not_fail_the_book()
    {
        // A recorder's clock stepping back (or two writers interleaving) loses nothing: the line is kept at the previous
        // time, so what the book saw is unchanged; counted in inputDamage and warned, not a failure of the book check.
        var lines = data.Lines.ToArray();
        int k = lines.Length / 2;
        if (k == data.SnapshotLine) k++;
        long previous = long.Parse(lines[k - 1][..lines[k - 1].IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
        lines[k] = $"{previous - 1_000_000}{lines[k][lines[k].IndexOf(' ')..]}";
        var (_, clean, _) = await BookCheck(data.Clean);

        var (exit, o, stderr) = await BookCheck(data.WriteLines("backwards.txt", lines));

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o["passed"]!.GetValue<bool>());
        Assert.Equal(1, o["inputDamage"]!["localTimeBackwards"]!.GetValue<long>());
        Assert.Contains("localTimeBackwards=1", stderr, StringComparison.Ordinal);
        Assert.Equal(clean["tickerMatched"]!.GetValue<long>(), o["tickerMatched"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_file_without_a_snapshot_fails_as_never_synced()
    {
        var lines = data.Lines.Where((_, i) => i != data.SnapshotLine);
        var (exit, o, stderr) = await BookCheck(data.WriteLines("no-snapshot.txt", lines));

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.False(o["passed"]!.GetValue<bool>());
        Assert.Contains(Failures(o), f => f.StartsWith("never synced", StringComparison.Ordinal));
        Assert.Contains(Failures(o), f => f.StartsWith("nothing checked", StringComparison.Ordinal));
        Assert.Contains("book-check: FAILED", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_of_zero_in_a_diff_fails_the_check_with_the_reason()
    {
        var lines = data.Lines.ToArray();
        int i = Array.FindIndex(lines, data.SnapshotLine + 1, l => l.Contains("depthUpdate", StringComparison.Ordinal) && l.Contains("\"b\":[[\"", StringComparison.Ordinal));
        int p = lines[i].IndexOf("\"b\":[[\"", StringComparison.Ordinal) + 7;
        lines[i] = lines[i][..p] + "0.00000000" + lines[i][lines[i].IndexOf('"', p)..];

        var (exit, o, stderr) = await BookCheck(data.WriteLines("price0.txt", lines));

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.NotEmpty(Failures(o));
        Assert.Contains(Failures(o), f => f.StartsWith("book errors", StringComparison.Ordinal) || f.StartsWith("unresolved resyncs", StringComparison.Ordinal)
            || f.StartsWith("damaged input", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_without_depth_fails_as_nothing_checked()
    {
        var (exit, o, stderr) = await BookCheck(data.WriteLines("trades-only.txt", data.Lines.Where(l => l.Contains("@trade", StringComparison.Ordinal))));

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains(Failures(o), f => f.StartsWith("nothing checked", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("journal")]
    [InlineData("events")]
    public async Task Book_check_reads_journals(string to)
    {
        string journal = data.File($"{to}-{Guid.NewGuid():N}");
        var (convertExit, _, convertErr) = await CliProcess.RunAsync(Timeout, "convert", data.Clean, "--out", journal, "--to", to);
        Assert.True(convertExit == 0, convertErr);
        var (_, text, _) = await BookCheck(data.Clean);

        var (exit, o, stderr) = await BookCheck(journal);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(text["tickerChecked"]!.GetValue<long>(), o["tickerChecked"]!.GetValue<long>());
        Assert.Equal(text["applied"]!.GetValue<long>(), o["applied"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("journal")]
    [InlineData("events")]
    public async Task Journals_given_in_reverse_time_order_are_sorted_and_checked(string to)
    {
        int half = data.Lines.Length / 2;
        string first = data.File($"{to}-1-{Guid.NewGuid():N}"), second = data.File($"{to}-2-{Guid.NewGuid():N}");
        foreach (var (lines, dir) in new[] { (data.Lines[..half], first), (data.Lines[half..], second) })
        {
            var (convertExit, _, convertErr) = await CliProcess.RunAsync(Timeout, "convert", data.WriteLines($"{Path.GetFileName(dir)}.txt", lines), "--out", dir, "--to", to);
            Assert.True(convertExit == 0, convertErr);
        }
        var (_, text, _) = await BookCheck(data.Clean);

        var (exit, o, stderr) = await BookCheck(second, first);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o["filesReordered"]!.GetValue<bool>());
        Assert.Equal(text["tickerChecked"]!.GetValue<long>(), o["tickerChecked"]!.GetValue<long>());
    }

    [RequiresDataFact]
    public async Task The_real_recording_given_in_reverse_order_is_sorted_and_checks_out()
    {
        var files = TestData.BinanceSpotBtcusdt;

        var (exit, o, stderr) = await BookCheck(files[1], files[0]);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(1072, o["tickerChecked"]!.GetValue<long>());
        Assert.Equal(1072, o["tickerMatched"]!.GetValue<long>());
    }

    private static async Task<(int Exit, JsonObject Json, string Stderr)> BookCheck(params string[] files)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, ["book-check", .. files, "--json"]);
        return (exit, CliProcess.LastJson(stdout), stderr);
    }

    private static List<string> Failures(JsonObject o) =>
        o["failures"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? throw new Xunit.Sdk.XunitException($"no failures array: {o.ToJsonString()}");
}
