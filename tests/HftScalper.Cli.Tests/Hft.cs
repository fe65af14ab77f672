using System.Reflection;

namespace HftScalper.Cli.Tests;

/// <summary>
/// Runs the real <c>hft</c> entry point (Program.cs, the assembly's entry point) in-process with stdout and stderr
/// captured. Console redirection is process-wide, so every test that runs it is in the non-parallel collection.
/// </summary>
internal static class Hft
{
    private static readonly MethodInfo Entry = typeof(CommandCatalog).Assembly.EntryPoint
        ?? throw new InvalidOperationException("hft has no entry point");

    public static HftRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int exit;
        var lastCrash = CliErrors.LastInternalError;
        try
        {
            object? r = Entry.Invoke(null, [args]);
            exit = r switch
            {
                int i => i,
                Task<int> t => t.GetAwaiter().GetResult(),
                _ => throw new InvalidOperationException($"unexpected entry point result {r}"),
            };
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
        // An internal error (exit 1) prints one generic line; the test's failure message gets the exception as well.
        var crash = CliErrors.LastInternalError;
        if (exit == ExitCodes.InternalError && crash is not null && !ReferenceEquals(crash, lastCrash))
            stderr.Write($"--- the internal error (test harness) ---\n{crash}\n");
        return new HftRun(args, exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh empty temporary folder.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hft-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
