using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Import;

/// <summary>
/// Checks an ONNX direction classifier trained elsewhere (e.g. in Python) against the engine's feature contract
/// (docs/model-contract.md) and gives it our <c>hft.*</c> metadata. In order, each refusal one
/// <see cref="ModelImportException"/> line: the file is ONNX (not empty, not truncated); the feature columns it was
/// trained on — its own metadata, or a stated list / Parquet column order, or a schema hash — are the engine's, in
/// order (the first differing column is named); ONNX Runtime accepts it; it has one float input <c>[batch,F]</c> with
/// F the contract's width and one float probability output <c>[batch,3]</c>; one sample row gives three finite
/// probabilities. Nothing is written: the caller saves <see cref="ModelImportResult.Model"/> and validates it on
/// canary rows like any other model.
/// </summary>
public static class ModelImporter
{
    /// <summary>Tolerance on the sum of the three probabilities of the sample row.</summary>
    public const float ProbabilityTolerance = 1e-3f;

    /// <summary>Prepares <paramref name="request"/>'s model for <paramref name="schema"/>, or throws <see cref="ModelImportException"/>.</summary>
    public static ModelImportResult Prepare(ModelImportRequest request, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(schema);
        string path = request.SourcePath;
        byte[] bytes = Read(path, out var proto);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var props = proto.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        bool hadMetadata = ModelMetadata.IsPresent(props);
        ModelMetadata? own = null;
        if (hadMetadata)
        {
            try { own = ModelMetadata.Parse(props); }
            catch (ModelMetadataException e) { throw Refuse(path, e.Message, e); }
        }
        string contract = CheckColumns(path, request, schema, own);

        using var session = Open(path, bytes);
        var (inputName, outputName) = CheckShapes(path, session, schema, own?.OutputTensor ?? request.OutputTensor,
            own?.OutputNames.Count ?? request.Classes.Count);
        var scores = RunOnce(path, session, inputName, outputName, request, schema.Count,
            own is null || own.OutputKind == ModelOutputKind.Classification);

        var metadata = own ?? NewMetadata(request, schema, outputName, sha, contract);
        var model = proto.Clone();
        if (!hadMetadata)
        {
            OnnxModelFile.SetMetadata(model, metadata);
            model.MetadataProps.Add(new StringStringEntryProto { Key = "hft.import.source_sha256", Value = sha });
            model.MetadataProps.Add(new StringStringEntryProto { Key = "hft.import.features_from", Value = contract });
        }
        return new ModelImportResult(model, metadata, hadMetadata, sha, inputName, scores, contract);
    }

    private static byte[] Read(string path, out ModelProto proto)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse(path, $"cannot read the file ({e.Message})", e);
        }
        if (bytes.Length == 0) throw Refuse(path, "the file is empty");
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw Refuse(path, $"not an ONNX model or truncated ({bytes.Length} bytes; protobuf: {e.Message})", e);
        }
        if (proto.Graph is null || proto.IrVersion <= 0 || proto.OpsetImport.Count == 0)
            throw Refuse(path, $"not an ONNX model or truncated (no graph, IR version or opset in {bytes.Length} bytes)");
        return bytes;
    }

    // Which columns the model was trained on: its own metadata (a stated list must then agree with it), else the
    // stated list, else a schema hash; each must be the engine's contract. Returns how the contract was established.
    private static string CheckColumns(string path, ModelImportRequest r, FeatureSchema schema, ModelMetadata? own)
    {
        if (own is not null)
        {
            if (FeatureContract.FirstDifference(schema, own.FeatureNames, "the model's metadata") is { } d)
                throw Refuse(path, $"its metadata names another feature schema ({Short(own.SchemaHash)}, engine {Short(schema.Hash)}): {d}");
            if (own.SchemaHash != schema.Hash)
                throw Refuse(path, $"trained on feature schema {Short(own.SchemaHash)} but the engine computes {Short(schema.Hash)} (v{schema.Version}): same columns, so a unit or the schema version differs");
        }
        if (r.FeatureNames is { } names)
        {
            if (names.Count == 0) throw Refuse(path, $"{r.FeatureSource} names no feature column");
            if (FeatureContract.FirstDifference(schema, names, r.FeatureSource) is { } d)
                throw Refuse(path, $"its feature columns differ from the engine's contract (schema {Short(schema.Hash)}, v{schema.Version}): {d}");
        }
        if (r.SchemaHash is { } hash)
        {
            var h = hash.Trim().ToLowerInvariant();
            if (h.Length < 8 || !schema.Hash.StartsWith(h, StringComparison.Ordinal))
                throw Refuse(path, $"{r.SchemaHashSource} {hash}: the engine computes feature schema {Short(schema.Hash)} (v{schema.Version}), not {hash}; a model trained on other columns cannot serve");
        }
        if (own is not null) return "the model's own hft.* metadata";
        if (r.FeatureNames is not null) return r.FeatureSource;
        if (r.SchemaHash is not null) return $"schema hash {Short(schema.Hash)}";
        throw Refuse(path, "no HftScalper metadata (hft.* metadata_props), so it cannot say which features it expects: " +
            "give --features FILE (the column names in training order, or the Parquet file of `hft features`) or --schema HASH");
    }

    private static InferenceSession Open(string path, byte[] bytes)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        try { return new InferenceSession(bytes, options); }
        catch (OnnxRuntimeException e) { throw Refuse(path, $"ONNX Runtime refused it: {e.Message}", e); }
    }

    private static (string Input, string Output) CheckShapes(string path, InferenceSession s, FeatureSchema schema, string? output, int classes)
    {
        if (s.InputMetadata.Count != 1)
            throw Refuse(path, $"expected one input (the feature row), found {s.InputMetadata.Count}: [{string.Join(", ", s.InputMetadata.Keys)}]");
        var (inputName, input) = s.InputMetadata.First();
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
            throw Refuse(path, $"input '{inputName}' is {Describe(input)}; the contract is float32 [batch,{schema.Count}]");
        var dims = input.Dimensions;
        if (dims.Length != 2 || dims[0] > 1 || dims[1] != schema.Count)
            throw Refuse(path, $"input '{inputName}' is {Describe(input)}; the engine's contract feeds {schema.Count} features as float32 [batch,{schema.Count}]");

        var fits = s.OutputMetadata.Where(o => o.Value.IsTensor && o.Value.ElementDataType == TensorElementType.Float
            && o.Value.Dimensions.Length == 2 && o.Value.Dimensions[0] <= 1 && o.Value.Dimensions[1] == classes).Select(o => o.Key).ToList();
        string outputs = string.Join(", ", s.OutputMetadata.Select(o => $"{o.Key} {Describe(o.Value)}"));
        if (output is not null)
        {
            if (!s.OutputMetadata.ContainsKey(output)) throw Refuse(path, $"no output '{output}'; the model has [{outputs}]");
            if (!fits.Contains(output)) throw Refuse(path, $"output '{output}' is {Describe(s.OutputMetadata[output])}; the contract is float32 [batch,{classes}] probabilities");
            return (inputName, output);
        }
        return fits.Count switch
        {
            1 => (inputName, fits[0]),
            0 => throw Refuse(path, $"no float32 [batch,{classes}] probability output (down, flat, up) among [{outputs}] " +
                "(skl2onnx: convert with options={'zipmap': False})"),
            _ => throw Refuse(path, $"several float32 [batch,{classes}] outputs [{string.Join(", ", fits)}]: name the probabilities with --output"),
        };
    }

    private static float[] RunOnce(string path, InferenceSession s, string input, string output, ModelImportRequest r, int width, bool probabilities)
    {
        var row = r.SampleRow is { Length: > 0 } sample ? sample : new float[width];
        if (row.Length != width) throw new ArgumentException($"the sample row has {row.Length} values, the contract {width}");
        float[] scores;
        try
        {
            using var value = OrtValue.CreateTensorValueFromMemory(row, [1, width]);
            using var runOptions = new RunOptions();
            using var results = s.Run(runOptions, [input], [value], [output]);
            var shape = results[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != 1)
                throw Refuse(path, $"output '{output}' has shape [{string.Join(',', shape)}] for one row, not [1,N]");
            scores = results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException e) { throw Refuse(path, $"ONNX Runtime failed on the sample row ({r.SampleSource}): {e.Message}", e); }
        string text = string.Join(", ", scores.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        if (scores.Any(v => !float.IsFinite(v)))
            throw Refuse(path, $"NaN/infinite output [{text}] on the sample row ({r.SampleSource})");
        if (probabilities && (scores.Any(v => v < 0) || MathF.Abs(scores.Sum() - 1) > ProbabilityTolerance))
            throw Refuse(path, $"output '{output}' gives [{text}] on the sample row ({r.SampleSource}): not probabilities (>= 0, sum 1 ± {ProbabilityTolerance}); export softmax probabilities, not logits");
        return scores;
    }

    private static ModelMetadata NewMetadata(ModelImportRequest r, FeatureSchema schema, string output, string sha, string contract)
    {
        string name = string.IsNullOrWhiteSpace(r.Name) ? Path.GetFileNameWithoutExtension(r.SourcePath) : r.Name;
        var metrics = new System.Text.Json.Nodes.JsonObject { ["imported"] = true, ["sourceSha256"] = sha };
        return new ModelMetadata(name, r.Version ?? "imported-" + sha[..12], schema.Hash, [.. schema.Features.Select(f => f.Name)],
            ModelInputKind.Tabular, 1, ModelOutputKind.Classification, [.. r.Classes], output, r.Horizon,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, metrics.ToJsonString(), DateTimeOffset.UtcNow,
            $"imported from {Path.GetFileName(r.SourcePath)} (sha256 {sha[..12]}), trained elsewhere; feature columns from {contract}; training window unknown");
    }

    private static string Describe(NodeMetadata m) => m.IsTensor
        ? $"{m.ElementDataType} [{string.Join(',', m.Dimensions.Select((d, i) => i == 0 && d <= 0 ? "batch" : d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]"
        : m.OnnxValueType.ToString();

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static ModelImportException Refuse(string path, string why, Exception? inner = null) => new($"model '{path}': {why}", inner);
}
