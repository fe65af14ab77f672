using Microsoft.Extensions.Logging;

namespace HftScalper.Cli;

/// <summary>
/// Console logging for verbs: one line per message on stderr, so stdout stays clean for <c>--json</c>.
/// <c>HFT_LOG_FORMAT=json</c> writes one JSON object per message instead (Timestamp, EventId, LogLevel, Category,
/// Message, State), for log shippers; <c>HFT_LOG_LEVEL</c> sets levels per category, e.g.
/// <c>Warning,hft.replay=Debug,hft.model=Error</c> (a bare level is the default for every category).
/// </summary>
internal static class CliLogging
{
    /// <summary>A logger factory writing to stderr at <paramref name="level"/> and above (unless <c>HFT_LOG_LEVEL</c> says otherwise).</summary>
    public static ILoggerFactory Create(LogLevel level = LogLevel.Information) =>
        LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(level);
            ApplyLevels(b, Environment.GetEnvironmentVariable("HFT_LOG_LEVEL"));
            if (string.Equals(Environment.GetEnvironmentVariable("HFT_LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
            {
                b.AddJsonConsole(o =>
                {
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                });
            }
            else
            {
                b.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.UseUtcTimestamp = true;
                });
            }
            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });

    /// <summary>Applies <c>HFT_LOG_LEVEL</c>: comma-separated <c>LEVEL</c> or <c>CATEGORY=LEVEL</c> (a category covers
    /// its children, e.g. <c>hft</c>). An entry that is not a level is refused with the list of levels.</summary>
    internal static void ApplyLevels(ILoggingBuilder builder, string? spec)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(spec)) return;
        foreach (var entry in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? entry : entry[(eq + 1)..].Trim();
            if (!Enum.TryParse<LogLevel>(name, ignoreCase: true, out var level) || !Enum.IsDefined(level))
                throw new ArgumentException($"HFT_LOG_LEVEL: '{name}' is not a level (Trace, Debug, Information, Warning, Error, Critical, None)");
            if (eq < 0) builder.SetMinimumLevel(level);
            else builder.AddFilter(entry[..eq].Trim(), level);
        }
    }
}
