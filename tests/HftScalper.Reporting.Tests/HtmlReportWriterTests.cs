using System.Text.Json;
using System.Text.RegularExpressions;

namespace HftScalper.Reporting.Tests;

public sealed class HtmlReportWriterTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hft-report-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static void AssertPng(byte[] bytes)
    {
        Assert.True(bytes.Length > 5_000, $"PNG of {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public void Writes_a_self_contained_index_with_four_embedded_plots_and_summary_json()
    {
        var run = RunStatisticsTests.SampleRun();
        var summary = RunStatistics.Summarize(run, RunStatisticsTests.SampleCounters());

        string index = HtmlReportWriter.Write(_dir, summary, run);

        string html = File.ReadAllText(index);
        var images = Regex.Matches(html, "data:image/png;base64,([A-Za-z0-9+/=]+)");
        Assert.Equal(4, images.Count);
        foreach (Match m in images) AssertPng(Convert.FromBase64String(m.Groups[1].Value));
        foreach (var file in new[] { "equity.png", "drawdown.png", "latency.png", "calibration.png" })
            AssertPng(File.ReadAllBytes(Path.Combine(_dir, file)));
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("abc123", html);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "summary.json")));
        Assert.Equal(1_000_000, json.RootElement.GetProperty("events").GetInt64());
    }

    [Fact]
    public void An_empty_run_still_writes_valid_plots()
    {
        var run = new RunRecorder();

        HtmlReportWriter.Write(_dir, RunStatistics.Summarize(run, new RunCounters()), run);

        foreach (var file in new[] { "equity.png", "drawdown.png", "latency.png", "calibration.png" })
            AssertPng(File.ReadAllBytes(Path.Combine(_dir, file)));
    }

    [Fact]
    public void Text_is_html_encoded()
    {
        var run = new RunRecorder();
        var counters = new RunCounters { Source = "<script>alert(1)</script>" };

        string html = File.ReadAllText(HtmlReportWriter.Write(_dir, RunStatistics.Summarize(run, counters), run));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}
