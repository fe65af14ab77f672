using System.Globalization;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// The progress display a verb gets: bars on an interactive terminal, heartbeat lines otherwise (stdout or stderr
/// redirected, <c>TERM=dumb</c>), nothing under <c>--quiet</c>. <c>HFT_PROGRESS=auto|bars|lines|off</c> overrides
/// the choice and <c>HFT_PROGRESS_SECONDS</c> sets the heartbeat interval (default 5 s).
/// </summary>
/// <param name="Mode">How progress shows.</param>
/// <param name="Interval">Time between heartbeat lines.</param>
internal sealed record ProgressSettings(ProgressMode Mode, TimeSpan Interval)
{
    /// <summary>The heartbeat interval when <c>HFT_PROGRESS_SECONDS</c> is not set.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>The settings from the environment and the terminal; <paramref name="quiet"/> turns progress off.</summary>
    public static ProgressSettings FromEnvironment(bool quiet = false)
    {
        var interval = DefaultInterval;
        if (double.TryParse(Environment.GetEnvironmentVariable("HFT_PROGRESS_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
            && double.IsFinite(s) && s > 0)
            interval = TimeSpan.FromSeconds(Math.Max(0.1, s));
        if (quiet) return new ProgressSettings(ProgressMode.Off, interval);
        var mode = Environment.GetEnvironmentVariable("HFT_PROGRESS")?.Trim().ToLowerInvariant() switch
        {
            "off" or "none" or "0" => ProgressMode.Off,
            "lines" => ProgressMode.Lines,
            "bars" => ProgressMode.Bars,
            _ => Interactive() ? ProgressMode.Bars : ProgressMode.Lines,
        };
        return new ProgressSettings(mode, interval);
    }

    // Bars rewrite the screen: only when a person watches both streams (a pipe or a log file gets lines).
    private static bool Interactive() =>
        !Console.IsErrorRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
