using Google.Protobuf;
using HftScalper.Features.Schema;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Contracts;
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
/// the engine's, its input/output shapes agree with the metadata, and its <see cref="ModelContract"/> fits the role it is
/// loaded for (<see cref="ModelContract.Resolve"/>: a regressor is not a direction model). Any failure is a
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

    /// <summary>Loads the model at <paramref name="path"/> as a direction classifier (<see cref="Load(string, ModelRole)"/>).</summary>
    public ModelSession Load(string path) => Load(path, ModelRole.Direction);

    /// <summary>
    /// Loads, validates and warms up the model at <paramref name="path"/> for <paramref name="role"/>, or throws
    /// <see cref="ModelLoadException"/> with one line saying why (a model that does not fit the role is refused here).
    /// </summary>
    public ModelSession Load(string path, ModelRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = ReadOnnxBytes(path, out var proto);
        return Load(path, bytes, proto, role);
    }

    private ModelSession Load(string path, byte[] bytes, ModelProto proto, ModelRole role)
    {
        // Metadata, schema and the role's contract (by name) are checked before a session exists: a model that
        // cannot serve is refused with one line, before execution providers are even tried.
        ModelMetadata metadata = ReadMetadata(path, proto);
        var schema = CheckSchema(path, metadata);
        if (ModelContract.Resolve(metadata, null, role, out var early) is null)
            throw new ModelLoadException($"model '{path}' ({metadata.Name} v{metadata.Version}): {early}");
        var name = Path.GetFileName(path);
        var sessionOptions = ExecutionProviderSelector.Create(_options, name, _logger, out var provider);
        InferenceSession? session = null;
        ModelSession? served = null;
        try
        {
            try { session = new InferenceSession(bytes, sessionOptions); }
            catch (OnnxRuntimeException e) { throw new ModelLoadException($"model '{path}': ONNX Runtime refused it: {e.Message}", e); }

            var shape = ModelShapeValidator.Check(path, session, metadata, schema.Count);
            var outputs = shape.Outputs.Select(o => new OutputShape(o.Name, o.Type == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, o.TrailingDims)).ToList();
            var contract = ModelContract.Resolve(metadata, outputs, role, out var refusal)
                ?? throw new ModelLoadException($"model '{path}' ({metadata.Name} v{metadata.Version}): {refusal}");
            var compiled = Compile(path, proto, contract, role, metadata);
            served = new ModelSession(session, sessionOptions, metadata, provider, _options, shape, contract, role, _logger, compiled);
            served.Warmup();
            AttachSequenceRows(path, proto, served);
            AttachMember(path, proto, served, shape, role);
            _logger.LogInformation("Model {Model} v{Version} loaded from {Path} on {Provider} as {Role}: {Kind} input x{T}, {Outputs} outputs, max batch {MaxBatch}; {Contract}; evaluator: {Evaluator}",
                metadata.Name, metadata.Version, path, provider, role, metadata.InputKind, metadata.SequenceLength, served.OutputWidth, _options.MaxBatch, contract, served.Evaluator);
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

    /// <summary>Like <see cref="Load(string)"/> but returns false with the reason instead of throwing (the reason is also logged).</summary>
    public bool TryLoad(string path, out ModelSession? session, out string? error) => TryLoad(path, ModelRole.Direction, out session, out error);

    /// <summary>Like <see cref="Load(string, ModelRole)"/> but returns false with the reason instead of throwing (the reason is also logged).</summary>
    public bool TryLoad(string path, ModelRole role, out ModelSession? session, out string? error)
    {
        try
        {
            session = Load(path, role);
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

    // The managed evaluator for the tensor the role reads, when the graph is a tree ensemble it reproduces; else null
    // (ONNX Runtime serves) with the reason at debug level.
    private CompiledTreeModel? Compile(string path, ModelProto proto, ModelContract contract, ModelRole role, ModelMetadata metadata)
    {
        if (!_options.CompileTrees) return null;
        string tensor = role switch
        {
            ModelRole.Direction => contract.Direction!.Tensor,
            ModelRole.Return => contract.Return!.Tensor,
            _ => metadata.OutputTensor,
        };
        var compiled = TreeGraphCompiler.TryCompile(proto, tensor, out string reason, treeStates: Math.Max(_options.TreeStates, 0));
        if (compiled is null) _logger.LogDebug("Model {Path}: not compiled ({Reason}); ONNX Runtime serves it", path, reason);
        return compiled;
    }

    // A sequence model serves decision rows through its sequence server: an LSTM one step per decision
    // (LstmRowServer), a window model (the transformer) from per-symbol rings (WindowRowServer). A server that does not
    // reproduce the graph refuses the model, since the decision path would serve something else than the file.
    private void AttachSequenceRows(string path, ModelProto proto, ModelSession served)
    {
        if (served.Metadata.InputKind != ModelInputKind.Sequence) return;
        try
        {
            served.SequenceRows = Sequence.LstmRowServer.TryCreate(proto, served, out string how);
            if (served.SequenceRows is null)
            {
                string notLstm = how;
                served.SequenceRows = Sequence.WindowRowServer.TryCreate(proto, served, out how, _options.CompileSequences);
                if (served.SequenceRows is null) how = notLstm + "; " + how;
            }
            _logger.LogInformation("Model {Path}: {How}", path, how);
        }
        catch (InvalidDataException e) { throw new ModelLoadException($"model '{path}': {e.Message}", e); }
    }

    // An ensemble graph with a sequence member: the member's embedded file is loaded through the same checks (schema,
    // contract, its own sequence server), owned by the ensemble's session, and served beside it by a
    // SequenceMemberServer (the member's scores and readiness fed to the graph row by row).
    private void AttachMember(string path, ModelProto proto, ModelSession served, ModelShape shape, ModelRole role)
    {
        IReadOnlyList<byte[]> embedded;
        try { embedded = Ensemble.SequenceMemberSlot.EmbeddedAll([.. proto.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))]); }
        catch (InvalidDataException e) { throw new ModelLoadException($"model '{path}': {e.Message}", e); }
        if (embedded.Count == 0 && !shape.HasMemberInputs) return;
        if (embedded.Count == 0) throw new ModelLoadException($"model '{path}': the graph reads a sequence member's scores but no member is embedded ({Ensemble.SequenceMemberSlot.MetadataKey})");
        if (!shape.HasMemberInputs) throw new ModelLoadException($"model '{path}': a sequence member is embedded but the graph has no {Ensemble.SequenceMemberSlot.ScoresInput} input");
        if (embedded.Count != shape.MemberCount)
            throw new ModelLoadException($"model '{path}': the graph reads {shape.MemberCount} sequence member(s), {embedded.Count} embedded");
        if (role != ModelRole.Direction) throw new ModelLoadException($"model '{path}': an ensemble with a sequence member serves only as a direction model");
        var sessions = new List<ModelSession>();
        try
        {
            for (int m = 0; m < embedded.Count; m++)
            {
                string name = path + "#" + Ensemble.SequenceMemberSlot.KeyOf(m);
                ModelProto memberProto;
                try { memberProto = ModelProto.Parser.ParseFrom(embedded[m]); }
                catch (InvalidProtocolBufferException e) { throw new ModelLoadException($"model '{name}': the embedded member is not an ONNX model ({e.Message})", e); }
                var session = Load(name, embedded[m], memberProto, ModelRole.Direction);
                sessions.Add(session);
                if (session.SequenceRows is null) throw new ModelLoadException($"model '{name}': the embedded member is not a sequence model");
            }
        }
        catch
        {
            foreach (var s in sessions) s.Dispose();
            throw;
        }
        served.Members = sessions;
        served.SequenceRows = new Ensemble.SequenceMemberServer(served, sessions);
        foreach (var session in sessions)
            _logger.LogInformation("Model {Path}: ensemble with sequence member {Member} v{Version} ({Server}); a warming member contributes nothing",
                path, session.Metadata.Name, session.Metadata.Version, session.SequenceRows!.GetType().Name);
    }

    // Reads the file and parses it as an ONNX ModelProto first: protobuf reports truncation and garbage precisely,
    // and it keeps bad bytes away from the native parser.
    private static byte[] ReadOnnxBytes(string path, out ModelProto proto)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"model '{path}': cannot read the file ({e.Message})", e);
        }
        if (bytes.Length == 0) throw new ModelLoadException($"model '{path}': the file is empty");
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException($"model '{path}': not an ONNX model or truncated ({bytes.Length} bytes; protobuf: {e.Message})", e);
        }
        if (proto.Graph is null || proto.IrVersion <= 0 || proto.OpsetImport.Count == 0)
            throw new ModelLoadException($"model '{path}': not an ONNX model (no graph, IR version or opset in {bytes.Length} bytes)");
        return bytes;
    }

    private static ModelMetadata ReadMetadata(string path, ModelProto proto)
    {
        // As ONNX Runtime's CustomMetadataMap would give them (a repeated key: the last wins).
        var map = proto.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        if (!ModelMetadata.IsPresent(map))
            throw new ModelLoadException($"model '{path}': no HftScalper metadata (hft.* metadata_props); it cannot say which features it expects");
        try { return ModelMetadata.Parse(map); }
        catch (ModelMetadataException e) { throw new ModelLoadException($"model '{path}': {e.Message}", e); }
    }

    // The engine computes the built-in columns plus the cross-symbol block when the model declares one, so that is
    // the schema the model must have been trained on.
    private FeatureSchema CheckSchema(string path, ModelMetadata metadata)
    {
        var schema = Features.Engine.FeatureEngine.SchemaFor(_schema, metadata.CrossSymbol);
        if (string.Equals(metadata.SchemaHash, schema.Hash, StringComparison.Ordinal)) return schema;
        var difference = schema.DescribeDifference(metadata.FeatureNames)
            ?? "same feature names in the same order, so a unit or the schema version differs";
        if (metadata.CrossSymbol is null && metadata.FeatureNames.Any(n => n.StartsWith("xs_", StringComparison.Ordinal)))
            difference += " (its cross-symbol columns need the 'hft.features.cross_symbol' metadata key that says how to compute them)";
        throw new ModelLoadException(
            $"model '{path}' ({metadata.Name} v{metadata.Version}) was trained on feature schema {Short(metadata.SchemaHash)} " +
            $"but the engine computes schema {Short(schema.Hash)} (v{schema.Version}{(schema.Extension is { } x ? ", " + x : "")}): {difference}");
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
