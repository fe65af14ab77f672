using System.Text.Json.Nodes;
using HftScalper.Cli.Contract;

namespace HftScalper.Cli;

/// <summary>
/// Turns a failure into one clear line on stderr and an exit code from <see cref="ExitCodes"/>; with <c>--json</c>,
/// stdout also gets exactly one object <c>{"error": {"code", "message", "exitCode"}}</c> (and nothing else), so a
/// script always parses stdout. Messages never carry exception type names or .NET wording (see <see cref="UserText"/>).
/// </summary>
internal static class CliErrors
{
    /// <summary>Exit code for a failure the user can act on (bad input, missing file).</summary>
    public const int UserError = ExitCodes.Usage;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int InternalError = ExitCodes.InternalError;

    /// <summary>
    /// The last unexpected failure mapped to <see cref="InternalError"/>, kept for an in-process host (the CLI tests) so a
    /// rare crash on a loaded CI machine leaves its stack trace in the test's output; the user sees the generic line.
    /// </summary>
    internal static Exception? LastInternalError { get; private set; }

    /// <summary>Maps a finished verb task to the process exit code (text output).</summary>
    public static int Handle(Task<int> task) => Handle(task, json: false);

    /// <summary>Maps a finished verb task to the process exit code; <paramref name="json"/>: the verb was asked for <c>--json</c>.</summary>
    public static int Handle(Task<int> task, bool json, string verb = "hft")
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully) return task.Result;
        var ex = task.Exception?.GetBaseException();
        switch (ex)
        {
            case null or OperationCanceledException:
                return Report("cancelled", "cancelled", ExitCodes.Cancelled, json, verb);
            case FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException
                or InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException:
                Debug(ex);
                // Google.Protobuf's parse error on a file that is not an ONNX model says nothing a user can act on.
                string message = ex.GetType().Namespace?.StartsWith("Google.Protobuf", StringComparison.Ordinal) == true
                    ? $"not an ONNX model, or truncated ({UserText.Clean(ex.Message)})"
                    : UserText.Clean(ex.Message);
                return Report("input", message, UserError, json, verb);
            default:
                Debug(ex);
                LastInternalError = ex;
                return Report("internal", "internal error (a bug: please report it; HFT_DEBUG=1 prints the details)", InternalError, json, verb);
        }
    }

    /// <summary>
    /// Writes one failure: <c>VERB: error: MESSAGE</c> (+ <paramref name="hint"/>) on stderr, and with
    /// <paramref name="json"/> the error object on stdout. Returns <paramref name="exitCode"/>.
    /// </summary>
    public static int Report(string code, string message, int exitCode, bool json, string verb = "hft", string? hint = null)
    {
        Console.Error.WriteLine($"{verb}: error: {message}");
        if (hint is not null) Console.Error.WriteLine(hint);
        if (json)
        {
            JsonOut.Write(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["exitCode"] = exitCode },
            });
        }
        return exitCode;
    }

    /// <summary>Whether the command line asks for JSON output (<c>--json</c> before any <c>--</c>).</summary>
    public static bool WantsJson(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") return false;
            if (args[i] == "--json") return !(i + 1 < args.Count && args[i + 1] == "false");
        }
        return false;
    }

    private static void Debug(Exception ex)
    {
        if (Environment.GetEnvironmentVariable("HFT_DEBUG") == "1") Console.Error.WriteLine(ex);
    }
}
