using System.CommandLine;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HftScalper.Features.Engine;
using HftScalper.Inference.Import;
using HftScalper.Inference.Lifecycle;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft models import FILE.onnx [--features LIST|PARQUET | --schema HASH] [--name N] [--promote|--shadow]</c>: a
/// direction model trained elsewhere (e.g. in Python) checked against the feature contract (docs/model-contract.md)
/// by <see cref="ModelImporter"/>, written with our metadata as a new file <c>DIR/NAME.onnx</c> (the source is not
/// changed), validated on canary rows like any model, and optionally recorded as promoted or shadow candidate.
/// A running <c>replay --models-dir DIR</c> picks the new file up (hot reload). Exit 0 imported, 3 refused, 2 bad input.
/// </summary>
internal static class ModelsCommandImport
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "ONNX model trained elsewhere (.onnx)" };
        var dir = new Option<string?>("--dir") { Description = "Models folder (default: the folder of the bundled models/default.onnx, else ./models)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var budget = new Option<double>("--budget-us") { Description = "Median single-row latency allowed, µs", DefaultValueFactory = _ => 1000 };
        var simSeconds = new Option<double>("--canary-seconds") { Description = "Simulated market seconds replayed for canary feature rows", DefaultValueFactory = _ => 60 };
        var features = new Option<string?>("--features") { Description = "import: the model's feature columns in training order: a Parquet file of `hft features` (its column order) or a list of names (one per line, or a JSON array)" };
        var schema = new Option<string?>("--schema") { Description = "import: the feature schema hash the model was trained on (the engine's, see `hft models list`), instead of --features" };
        var name = new Option<string?>("--name") { Description = "import: model name, also the file name NAME.onnx in the models folder (default: the source file's name)" };
        var version = new Option<string?>("--model-version") { Description = "import: model version for the metadata (default: imported-<sha256 prefix>)" };
        var horizon = new Option<string?>("--horizon") { Description = "Prediction horizon (exchange time), e.g. 10s; default 2 s (the bundled model's)" };
        var classes = new Option<string?>("--classes") { Description = "import: class of each probability column in output order (default down,flat,up)" };
        var output = new Option<string?>("--probabilities") { Description = "import: name of the float [batch,3] probability output (default: the only one)" };
        var force = new Option<bool>("--force") { Description = "import: replace DIR/NAME.onnx when it exists" };
        var promote = new Option<bool>("--promote") { Description = "import: record the imported model as promoted (what serves)" };
        var shadow = new Option<bool>("--shadow") { Description = "promote, import: record as the shadow candidate instead of live" };
        var cmd = new Command("import", "Check an ONNX model trained elsewhere against the feature contract and add it, with metadata, to the models folder")
        {
            file, dir, json, budget, simSeconds, features, schema, name, version, horizon, classes, output, force, promote, shadow,
        };
        cmd.SetAction(parse =>
        {
            var a = new ModelsArgs(ModelsCommand.ResolveDir(parse.GetValue(dir)), parse.GetValue(file), parse.GetValue(json),
                parse.GetValue(budget), parse.GetValue(simSeconds), parse.GetValue(shadow));
            var request = Request(a.File!, parse.GetValue(features), parse.GetValue(schema), parse.GetValue(name), parse.GetValue(version),
                parse.GetValue(horizon), parse.GetValue(classes), parse.GetValue(output));
            using var logs = CliLogging.Create(a.Json ? LogLevel.Warning : LogLevel.Information);
            return Run(a, request, parse.GetValue(force), parse.GetValue(promote), logs.CreateLogger("hft.models"));
        });
        return cmd;
    }

    private static ModelImportRequest Request(string file, string? features, string? schema, string? name, string? version,
        string? horizon, string? classes, string? output)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new FileNotFoundException($"model file '{file}' not found");
        if (features is not null && schema is not null) throw new ArgumentException("give --features or --schema, not both");
        if (name is not null && (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.')))
            throw new ArgumentException($"--name '{name}' must be a plain file name (no folder, not hidden)");
        var list = features is null ? null : ModelsImportFeatureFile.Read(features);
        TimeSpan span = TimeSpan.FromSeconds(2);
        if (horizon is not null)
        {
            try { span = RecordCommand.ParseDuration(horizon) ?? span; }
            catch (ArgumentException) { throw new ArgumentException($"--horizon '{horizon}' is not a duration (e.g. 2s, 500ms)"); }
        }
        var classNames = classes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? ["down", "flat", "up"];
        if (classNames.Length != 3 || classNames.Order(StringComparer.Ordinal).SequenceEqual(["down", "flat", "up"]) is false)
            throw new ArgumentException($"--classes must name down, flat and up once each, in output order, not '{classes}'");
        return new ModelImportRequest
        {
            SourcePath = source, FeatureNames = list?.Names, FeatureSource = list?.Source ?? "the feature list",
            SchemaHash = schema ?? list?.SchemaHash, SchemaHashSource = schema is null ? $"{list?.Source} (hft.feature_schema_hash)" : "--schema",
            Name = name, Version = version, Horizon = span, Classes = classNames, OutputTensor = output,
            SampleRow = list?.SampleRow, SampleSource = list?.SampleSource ?? "zeros",
        };
    }

    private static int Run(ModelsArgs a, ModelImportRequest request, bool force, bool promote, ILogger log)
    {
        if (promote && a.Shadow) throw new ArgumentException("give --promote or --shadow, not both");
        ModelImportResult prepared;
        try { prepared = ModelImporter.Prepare(request, FeatureEngine.DefaultSchema); }
        catch (ModelImportException e) { return Refused(a, request, e.Message); }

        string dest = Path.Combine(a.Dir, prepared.Metadata.Name.IndexOfAny(['/', '\\']) < 0 ? prepared.Metadata.Name + ".onnx" : Path.GetFileName(request.SourcePath));
        if (string.Equals(Path.GetFullPath(dest), request.SourcePath, StringComparison.Ordinal))
            throw new ArgumentException($"importing '{request.SourcePath}' would overwrite it: import from another folder or give another --name");
        if (File.Exists(dest) && !force) throw new ArgumentException($"'{dest}' exists: give another --name, or --force to replace it");

        // Written hidden first (a folder watcher ignores hidden files), validated like any dropped model, then renamed in.
        Directory.CreateDirectory(a.Dir);
        string tmp = Path.Combine(a.Dir, "." + Path.GetFileName(dest) + ".import.tmp");
        File.WriteAllBytes(tmp, prepared.Model.ToByteArray());
        ModelValidationReport report;
        try
        {
            var rows = ModelsCommandCanary.Rows(a.CanarySeconds, out _);
            report = ModelsCommand.Validator(a, log).Validate(tmp, rows, out var session);
            session?.Dispose();
            if (!report.Passed)
            {
                File.Delete(tmp);
                return Refused(a, request, report.Message.Replace(tmp, request.SourcePath, StringComparison.Ordinal));
            }
            File.Move(tmp, dest, overwrite: force);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }

        var o = new JsonObject
        {
            ["passed"] = true,
            ["file"] = dest,
            ["source"] = request.SourcePath,
            ["sourceSha256"] = prepared.SourceSha256,
            ["sha256"] = report.Sha256,
            ["hadMetadata"] = prepared.HadMetadata,
            ["featuresFrom"] = prepared.ContractSource,
            ["schemaHash"] = prepared.Metadata.SchemaHash,
            ["name"] = prepared.Metadata.Name,
            ["version"] = prepared.Metadata.Version,
            ["inputName"] = prepared.InputName,
            ["outputTensor"] = prepared.Metadata.OutputTensor,
            ["classes"] = JsonShapes.Strings([.. prepared.Metadata.OutputNames]),
            ["horizonSeconds"] = prepared.Metadata.Horizon.TotalSeconds,
            ["sampleRow"] = request.SampleSource,
            ["sampleScores"] = new JsonArray([.. prepared.SampleScores.Select(v => (JsonNode)JsonValue.Create(Math.Round(v, 6)))]),
            ["canary"] = report.Message.Replace(tmp, dest, StringComparison.Ordinal),
        };
        var registry = new ModelRegistry(a.Dir);
        if (promote) o["promoted"] = ModelsCommandList.Entry(registry.Promote(dest, report.Sha256, report.Metadata!, "import"));
        if (a.Shadow) o["candidate"] = ModelsCommandList.Entry(registry.SetCandidate(dest, report.Sha256, report.Metadata!));
        o["message"] = $"imported {Path.GetFileName(request.SourcePath)} as {dest} ({prepared.Metadata.Name} v{prepared.Metadata.Version}; feature columns from {prepared.ContractSource})" +
            (promote ? "; promoted" : a.Shadow ? "; recorded as shadow candidate" : "; not promoted (hft models promote, or a running --models-dir picks it up)");
        return ModelsCommandChange.Finish(a, o, 0);
    }

    private static int Refused(ModelsArgs a, ModelImportRequest request, string message) =>
        ModelsCommandChange.Finish(a, new JsonObject { ["passed"] = false, ["file"] = null, ["source"] = request.SourcePath, ["message"] = message }, ModelsCommand.Refused);
}
