using System.Text.Json.Nodes;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Cli.Commands;

/// <summary><c>hft models list</c>: the manifest and the model files, read without loading any model.</summary>
internal static class ModelsCommandList
{
    public static int Run(ModelsArgs a)
    {
        if (!Directory.Exists(a.Dir)) throw new DirectoryNotFoundException($"models folder '{a.Dir}' does not exist");
        var registry = new ModelRegistry(a.Dir);
        var manifest = registry.Read();
        var live = registry.Live(manifest);
        string engineSchema = FeatureEngine.DefaultSchema.Hash;

        var files = new JsonArray();
        foreach (var path in registry.ListModelFiles())
        {
            var sha = ModelRegistry.Sha256Of(path);
            var md = TryMetadata(path, out var problem);
            files.Add((JsonNode)new JsonObject
            {
                ["file"] = Path.GetFileName(path),
                ["sha256"] = sha,
                ["bytes"] = new FileInfo(path).Length,
                ["name"] = md?.Name,
                ["version"] = md?.Version,
                ["schemaHash"] = md?.SchemaHash,
                ["schemaMatches"] = md is not null && md.SchemaHash == engineSchema,
                ["live"] = live?.Sha256 == sha,
                ["candidate"] = manifest.Candidate?.Sha256 == sha,
                ["problem"] = problem,
                // hft train --features: the columns it could split on (absent = every column).
                ["trainedFeatures"] = md?.TrainedFeatures is { } trained ? new JsonArray([.. trained.Select(n => (JsonNode?)n)]) : null,
            });
        }
        var o = new JsonObject
        {
            ["dir"] = a.Dir,
            ["manifest"] = File.Exists(registry.ManifestPath),
            ["engineSchemaHash"] = engineSchema,
            ["promoted"] = Entry(live),
            ["candidate"] = Entry(manifest.Candidate),
            ["history"] = new JsonArray([.. manifest.History.Select(Entry)]),
            ["files"] = files,
        };
        if (a.Json) JsonOut.Write(o);
        else Print(o);
        return 0;
    }

    internal static JsonNode? Entry(ModelManifestEntry? e) => e is null ? null : new JsonObject
    {
        ["file"] = e.File, ["archive"] = e.Archive, ["sha256"] = e.Sha256, ["name"] = e.Name, ["version"] = e.Version,
        ["schemaHash"] = e.SchemaHash, ["recordedUtc"] = e.RecordedUtc.ToString("O"), ["note"] = e.Note,
    };

    private static ModelMetadata? TryMetadata(string path, out string? problem)
    {
        problem = null;
        try
        {
            var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            var props = proto.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            if (ModelMetadata.IsPresent(props)) return ModelMetadata.Parse(props);
            problem = "no hft.* metadata";
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or ModelMetadataException or IOException)
        {
            problem = e.Message;
        }
        return null;
    }

    private static void Print(JsonObject o)
    {
        Console.WriteLine($"models folder  {o["dir"]}{((bool)o["manifest"]! ? "" : " (no manifest)")}");
        Console.WriteLine($"engine schema  {Short((string?)o["engineSchemaHash"])}");
        Console.WriteLine($"promoted       {Describe(o["promoted"])}");
        Console.WriteLine($"candidate      {Describe(o["candidate"])}");
        var history = o["history"]!.AsArray();
        for (int i = 0; i < history.Count; i++) Console.WriteLine($"{(i == 0 ? "history" : ""),-14} {Describe(history[i])}");
        Console.WriteLine();
        foreach (var f in o["files"]!.AsArray())
        {
            string flags = ((bool)f!["live"]! ? "L" : " ") + ((bool)f["candidate"]! ? "C" : " ") + ((bool)f["schemaMatches"]! ? " " : "!");
            Console.WriteLine($"{flags} {f["file"],-32} {f["name"],-24} v{f["version"],-14} {Short((string?)f["sha256"])} {f["bytes"],10} B{(f["problem"] is { } p ? "  " + p : "")}");
            if (f["trainedFeatures"] is JsonArray trained) Console.WriteLine($"    trained on {trained.Count} columns: {string.Join(", ", trained)}");
        }
        Console.WriteLine("(L live, C shadow candidate, ! schema differs from the engine's)");
    }

    private static string Describe(JsonNode? e) => e is null ? "-" : $"{e["file"]} ({e["name"]} v{e["version"]}, {Short((string?)e["sha256"])}, {e["note"]} {e["recordedUtc"]})";

    private static string Short(string? s) => s is null ? "-" : s.Length > 12 ? s[..12] : s;
}
