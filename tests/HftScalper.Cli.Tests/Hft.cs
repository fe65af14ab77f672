using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>The output of one <c>hft</c> run.</summary>
internal sealed record HftRun(string[] Args, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"hft {string.Join(' ', Args)} -> exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>stdout parsed as exactly one JSON object (fails when anything else is there).</summary>
    public JsonObject SingleJson()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Stdout);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        var first = JsonNode.Parse(ref reader) as JsonObject;
        Assert.True(first is not null, $"stdout is not one JSON object:\n{this}");
        Assert.False(reader.Read(), $"stdout holds more than one JSON value:\n{this}");
        return first!;
    }
}

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

/// <summary>Tests that redirect the process console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
