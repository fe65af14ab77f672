using System.Text.Json.Nodes;
using HftScalper.Inference.Lifecycle;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary><c>hft models validate|promote|rollback</c>: validation first, then (for the last two) a manifest change.</summary>
internal static class ModelsCommandChange
{
    public static int Validate(ModelsArgs a, ILogger log)
    {
        var (report, o) = Check(a, RequireFile(a), log);
        return Finish(a, o, report.Passed ? 0 : ModelsCommand.Refused);
    }

    public static int Promote(ModelsArgs a, ILogger log)
    {
        var file = RequireFile(a);
        var (report, o) = Check(a, file, log);
        if (!report.Passed) return Finish(a, o, ModelsCommand.Refused);
        var registry = new ModelRegistry(a.Dir);
        var entry = a.Shadow
            ? registry.SetCandidate(file, report.Sha256, report.Metadata!)
            : registry.Promote(file, report.Sha256, report.Metadata!, "promote");
        o[a.Shadow ? "candidate" : "promoted"] = ModelsCommandList.Entry(entry);
        o["message"] = $"{report.Message}; recorded as {(a.Shadow ? "shadow candidate" : "promoted")} in {registry.ManifestPath}";
        return Finish(a, o, 0);
    }

    public static int Rollback(ModelsArgs a, ILogger log)
    {
        var registry = new ModelRegistry(a.Dir);
        var previous = registry.Previous();
        if (previous is null)
            return Finish(a, new JsonObject { ["rolledBack"] = false, ["message"] = $"no previous model in {registry.ManifestPath}" }, ModelsCommand.Refused);
        var path = registry.PathOf(previous);
        var (report, o) = Check(a, path, log);
        if (report.Passed && report.Sha256 != previous.Sha256)
        {
            o["passed"] = false;
            o["message"] = $"'{path}' changed since it was promoted (sha {report.Sha256[..12]}, manifest {previous.Sha256[..12]}); nothing changed";
        }
        bool ok = (bool)o["passed"]!;
        o["rolledBack"] = ok;
        if (!ok) return Finish(a, o, ModelsCommand.Refused);
        o["promoted"] = ModelsCommandList.Entry(registry.Rollback());
        o["message"] = $"rolled back to {previous.File} ({report.Metadata?.Name ?? previous.Name} v{report.Metadata?.Version ?? previous.Version})"; // a recorded default.onnx has no name
        return Finish(a, o, 0);
    }

    private static string RequireFile(ModelsArgs a)
    {
        var file = Path.GetFullPath(a.File ?? throw new ArgumentException("a model FILE is required"));
        if (!File.Exists(file))
        {
            var inDir = Path.Combine(a.Dir, a.File);
            if (!File.Exists(inDir)) throw new FileNotFoundException($"model file '{a.File}' not found (also looked in {a.Dir})");
            file = inDir;
        }
        return file;
    }

    private static (ModelValidationReport, JsonObject) Check(ModelsArgs a, string path, ILogger log)
    {
        var rows = ModelsCommandCanary.Rows(a.CanarySeconds, out string source);
        var report = ModelsCommand.Validator(a, log).Validate(path, rows, out var session);
        session?.Dispose();
        var o = new JsonObject
        {
            ["file"] = path,
            ["passed"] = report.Passed,
            ["rejection"] = report.Rejection.ToString(),
            ["message"] = report.Message,
            ["sha256"] = report.Sha256,
            ["name"] = report.Metadata?.Name,
            ["version"] = report.Metadata?.Version,
            ["canaryRows"] = report.CanaryRows,
            ["canarySource"] = report.CanaryWasZeros ? "zeros (no canary rows)" : source,
            ["medianLatencyMicros"] = Math.Round(report.MedianLatencyMicros, 2),
        };
        return (report, o);
    }

    internal static int Finish(ModelsArgs a, JsonObject o, int code)
    {
        if (a.Json) JsonOut.Write(o);
        else
        {
            foreach (var kv in o)
                if (kv.Key != "message") Console.WriteLine($"{kv.Key,-20} {kv.Value?.ToJsonString()}");
            Console.WriteLine(o["message"]?.GetValue<string>());
        }
        return code;
    }
}
