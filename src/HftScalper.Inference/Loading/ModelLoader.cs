using Google.Protobuf;
using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Loading;

/// <summary>
/// Loads a model file into a warmed-up <see cref="ModelSession"/> after checking, in order: the file exists and is
/// ONNX (not empty, not truncated), ONNX Runtime accepts it, it carries our metadata, its feature schema hash equals
/// the engine's, and its input/output shapes agree with the metadata. Any failure is a
/// <see cref="ModelLoadException"/> naming the file and the reason; nothing is left open.
/// </summary>
public sealed class ModelLoader
{
    private readonly FeatureSchema _schema;
    private readonly ServingOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a loader for models that must match <paramref name="schema"/>.</summary>
    public ModelLoader(FeatureSchema schema, ServingOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatch);
        _schema = schema;
        _options = options;
        _logger = logger;
    }

    /// <summary>Loads, validates and warms up the model at <paramref name="path"/>, or throws <see cref="ModelLoadException"/>.</summary>
    public ModelSession Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = ReadOnnxBytes(path);
        var name = Path.GetFileName(path);
        var sessionOptions = ExecutionProviderSelector.Create(_options, name, _logger, out var provider);
        InferenceSession? session = null;
        ModelSession? served = null;
        try
        {
            try { session = new InferenceSession(bytes, sessionOptions); }
            catch (OnnxRuntimeException e) { throw new ModelLoadException($"model '{path}': ONNX Runtime refused it: {e.Message}", e); }

            ModelMetadata metadata = ReadMetadata(path, session);
            CheckSchema(path, metadata);
            var shape = ModelShapeValidator.Check(path, session, metadata, _schema.Count);
            served = new ModelSession(session, sessionOptions, metadata, provider, _options, shape, _logger);
            served.Warmup();
            _logger.LogInformation("Model {Model} v{Version} loaded from {Path} on {Provider}: {Kind} input x{T}, {Outputs} outputs, max batch {MaxBatch}",
                metadata.Name, metadata.Version, path, provider, metadata.InputKind, metadata.SequenceLength, served.OutputWidth, _options.MaxBatch);
            return served;
        }
        catch (Exception e)
        {
            if (served is not null) served.Dispose();
            else { session?.Dispose(); sessionOptions.Dispose(); }
            if (e is ModelLoadException) throw;
            throw new ModelLoadException($"model '{path}': {e.Message}", e);
        }
    }

    /// <summary>Like <see cref="Load"/> but returns false with the reason instead of throwing (the reason is also logged).</summary>
    public bool TryLoad(string path, out ModelSession? session, out string? error)
    {
        try
        {
            session = Load(path);
            error = null;
            return true;
        }
        catch (ModelLoadException e)
        {
            _logger.LogError("Model refused: {Reason}", e.Message);
            session = null;
            error = e.Message;
            return false;
        }
    }

    // Reads the file and parses it as an ONNX ModelProto first: protobuf reports truncation and garbage precisely,
    // and it keeps bad bytes away from the native parser.
    private static byte[] ReadOnnxBytes(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"model '{path}': cannot read the file ({e.Message})", e);
        }
        if (bytes.Length == 0) throw new ModelLoadException($"model '{path}': the file is empty");
        ModelProto proto;
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException($"model '{path}': not an ONNX model or truncated ({bytes.Length} bytes; protobuf: {e.Message})", e);
        }
        if (proto.Graph is null || proto.IrVersion <= 0 || proto.OpsetImport.Count == 0)
            throw new ModelLoadException($"model '{path}': not an ONNX model (no graph, IR version or opset in {bytes.Length} bytes)");
        return bytes;
    }

    private static ModelMetadata ReadMetadata(string path, InferenceSession session)
    {
        var map = session.ModelMetadata.CustomMetadataMap;
        if (!ModelMetadata.IsPresent(map))
            throw new ModelLoadException($"model '{path}': no HftScalper metadata (hft.* metadata_props); it cannot say which features it expects");
        try { return ModelMetadata.Parse(map); }
        catch (ModelMetadataException e) { throw new ModelLoadException($"model '{path}': {e.Message}", e); }
    }

    private void CheckSchema(string path, ModelMetadata metadata)
    {
        if (string.Equals(metadata.SchemaHash, _schema.Hash, StringComparison.Ordinal)) return;
        var difference = _schema.DescribeDifference(metadata.FeatureNames)
            ?? "same feature names in the same order, so a unit or the schema version differs";
        throw new ModelLoadException(
            $"model '{path}' ({metadata.Name} v{metadata.Version}) was trained on feature schema {Short(metadata.SchemaHash)} " +
            $"but the engine computes schema {Short(_schema.Hash)} (v{_schema.Version}): {difference}");
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
