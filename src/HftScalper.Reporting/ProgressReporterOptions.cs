namespace HftScalper.Reporting;

/// <summary>Settings of <see cref="ProgressReporter"/>.</summary>
public sealed record ProgressReporterOptions
{
    /// <summary>Time between progress lines (default 1 s; at least 50 ms).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where lines go (default <see cref="Console.Error"/>).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>
    /// Whether <see cref="Output"/> is an interactive terminal (one line rewritten in place with a carriage return).
    /// Default: true for stderr (no <see cref="Output"/>, or <see cref="Console.Error"/> itself) when it is not
    /// redirected; false for any other writer.
    /// </summary>
    public bool? IsTerminal { get; init; }

    /// <summary>Print even when the output is not a terminal (then one line per interval). Default false: silent.</summary>
    public bool Force { get; init; }
}
