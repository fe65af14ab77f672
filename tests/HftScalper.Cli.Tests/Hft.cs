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

    /// <summary>
    /// Runs <c>hft</c> as its own process (the built hft.dll), waiting up to <paramref name="timeout"/> (10 minutes when
    /// null: it only bounds a hang). For TorchSharp training: TorchSharp does not keep the Scalars it creates implicitly
    /// (Adam's, add's alpha) alive during their native calls, so a collection started by another thread of this test
    /// process (the runner, other tests) can free one mid-call; CI saw that once under load as a c10 error from
    /// Scalar::toFloat. In its own process hardly anything but the training thread allocates, so a collection starts at
    /// its own allocations, between native calls.
    /// </summary>
    public static HftRun RunProcess(string[] args, TimeSpan? timeout = null)
    {
        using var hft = new HftProcess(new Dictionary<string, string>(), args);
        int exit = hft.WaitForExit(timeout ?? TimeSpan.FromMinutes(10));
        return new HftRun(args, exit, hft.Stdout, hft.Stderr);
    }

    /// <summary>A fresh empty temporary folder.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hft-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
