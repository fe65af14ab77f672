
namespace HftScalper.Reporting.Tests;

public sealed class ProgressReporterTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1); // the timer never fires within a test

    [Fact]
    public void Line_shows_events_rate_percent_and_time()
    {
        Assert.Equal("1,234,567 events  812,000 ev/s  41.2 %  3.1 s", ProgressReporter.FormatLine(1_234_567, 3_000_000, 812_000, 3.14));
        Assert.Equal("10 events  5 ev/s  2.0 s", ProgressReporter.FormatLine(10, 0, 5, 2));
    }

    [Fact]
    public void Is_silent_when_the_output_is_not_a_terminal_unless_forced()
    {
        var output = new StringWriter();
        long events = 0;
        using var reporter = new ProgressReporter(() => Volatile.Read(ref events), 100,
            new ProgressReporterOptions { Output = output, IsTerminal = false, Interval = Hour });

        reporter.Start();
        events = 50;
        reporter.Report();
        reporter.Stop();

        Assert.False(reporter.Enabled);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Forced_output_writes_one_line_per_report()
    {
        var output = new StringWriter();
        long events = 0;
        var reporter = new ProgressReporter(() => Volatile.Read(ref events), 200,
            new ProgressReporterOptions { Output = output, IsTerminal = false, Force = true, Interval = Hour });

        reporter.Start();
        events = 50;
        reporter.Report();
        events = 200;
        reporter.Stop();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("50 events", lines[0]);
        Assert.Contains("25.0 %", lines[0]);
        Assert.StartsWith("200 events", lines[1]);
        Assert.Contains("100.0 %", lines[1]);
    }

    [Fact]
    public void Terminal_output_rewrites_one_line_and_ends_it_on_stop()
    {
        var output = new StringWriter();
        long events = 0;
        var reporter = new ProgressReporter(() => Volatile.Read(ref events), 0,
            new ProgressReporterOptions { Output = output, IsTerminal = true, Interval = Hour });

        reporter.Start();
        events = 7;
        reporter.Report();
        reporter.Stop();

        string text = output.ToString();
        Assert.StartsWith("\r7 events", text);
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith("\n", text);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Console_error_given_explicitly_is_a_terminal_exactly_when_stderr_is_not_redirected()
    {
        var reporter = new ProgressReporter(() => 0, 0, new ProgressReporterOptions { Output = Console.Error, Interval = Hour });

        Assert.Equal(!Console.IsErrorRedirected, reporter.Enabled);
    }

    [Fact]
    public void Nothing_is_printed_when_stopped_before_any_report()
    {
        var output = new StringWriter();
        var reporter = new ProgressReporter(() => 0, 0,
            new ProgressReporterOptions { Output = output, IsTerminal = true, Interval = Hour });

        reporter.Start();
        reporter.Stop();

        Assert.Equal("", output.ToString());
    }
}
