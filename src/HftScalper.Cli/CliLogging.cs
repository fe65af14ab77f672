using Microsoft.Extensions.Logging;

namespace HftScalper.Cli;

/// <summary>Console logging for verbs: one line per message on stderr, so stdout stays clean for <c>--json</c>.</summary>
internal static class CliLogging
{
    /// <summary>A logger factory writing to stderr at <paramref name="level"/> and above.</summary>
    public static ILoggerFactory Create(LogLevel level = LogLevel.Information) =>
        LoggerFactory.Create(b => b
            .SetMinimumLevel(level)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
