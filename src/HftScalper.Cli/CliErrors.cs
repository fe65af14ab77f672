namespace HftScalper.Cli;

/// <summary>Turns an exception escaping a verb into one clear line on stderr and a non-zero exit code.</summary>
public static class CliErrors
{
    /// <summary>Exit code for a failure the user can act on (bad input, missing file).</summary>
    public const int UserError = 2;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int InternalError = 1;

    /// <summary>Maps a finished verb task to the process exit code.</summary>
    public static int Handle(Task<int> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully) return task.Result;
        var ex = task.Exception?.GetBaseException();
        switch (ex)
        {
            case null:
                Console.Error.WriteLine("hft: cancelled");
                return InternalError;
            case FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException
                or InvalidDataException or NotSupportedException:
                Console.Error.WriteLine($"hft: error: {ex.Message}");
                return UserError;
            default:
                Console.Error.WriteLine($"hft: internal error: {ex.GetType().Name}: {ex.Message}");
                if (Environment.GetEnvironmentVariable("HFT_DEBUG") == "1") Console.Error.WriteLine(ex);
                return InternalError;
        }
    }
}
