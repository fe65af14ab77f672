using System.Globalization;
using System.Text.Json;
using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;

namespace HftScalper.Inference.Metadata;

/// <summary>
/// What a model is and what it expects, stored as ONNX <c>metadata_props</c> (keys <c>hft.*</c>) so the file
/// describes itself: read back from an ORT session's <c>ModelMetadata.CustomMetadataMap</c>.
/// </summary>
/// <param name="Name">Model name, e.g. <c>btcusdt-gbt-10s</c>.</param>
/// <param name="Version">Model version (free text, e.g. <c>2026.11.25-1</c>).</param>
/// <param name="SchemaHash">Hash of the <c>FeatureSchema</c> the model was trained on.</param>
/// <param name="FeatureNames">The feature names in input order (to explain a hash mismatch).</param>
/// <param name="InputKind">Tabular <c>[B,F]</c> or sequence <c>[B,T,F]</c>.</param>
/// <param name="SequenceLength">T for sequence inputs; 1 for tabular.</param>
/// <param name="OutputKind">Classification or regression.</param>
/// <param name="OutputNames">Class order (classification) or target names (regression); one per score column.</param>
/// <param name="OutputTensor">Name of the float score output tensor.</param>
/// <param name="Horizon">Prediction horizon (e.g. mid-price direction 10 s ahead).</param>
/// <param name="TrainFrom">Start of the training data window (UTC).</param>
/// <param name="TrainTo">End of the training data window (UTC).</param>
/// <param name="ValidationMetricsJson">Validation metrics as a JSON object.</param>
/// <param name="CreatedUtc">When the model file was made.</param>
/// <param name="DataDescription">Free text: which recordings, symbols, labelling.</param>
public sealed record ModelMetadata(
    string Name,
    string Version,
    string SchemaHash,
    IReadOnlyList<string> FeatureNames,
    ModelInputKind InputKind,
    int SequenceLength,
    ModelOutputKind OutputKind,
    IReadOnlyList<string> OutputNames,
    string OutputTensor,
    TimeSpan Horizon,
    DateTimeOffset TrainFrom,
    DateTimeOffset TrainTo,
    string ValidationMetricsJson,
    DateTimeOffset CreatedUtc,
    string DataDescription)
{
    private const string P = "hft.";
    private static readonly string[] RequiredKeys =
    [
        P + "name", P + "version", P + "schema_hash", P + "feature_names", P + "input_kind", P + "sequence_length",
        P + "output_kind", P + "output_names", P + "output_tensor", P + "horizon_ms", P + "train_from", P + "train_to",
        P + "validation_metrics", P + "created_utc", P + "data_description",
    ];

    /// <summary>
    /// The fitted regime parameters the model was trained with (keys <c>hft.features.profile</c>,
    /// <c>hft.features.garch</c>, <c>hft.features.seasonality</c>, written only when fitted). Models without them were
    /// trained on the defaults: <see cref="FeatureProfile.Default"/>.
    /// </summary>
    public FeatureProfile FeatureProfile { get; init; } = FeatureProfile.Default;

    /// <summary>
    /// Outputs beside the first (key <c>hft.outputs</c>, a JSON array of <c>{"tensor", "kind", "names"}</c>, written
    /// only when not empty): a model with several heads, e.g. direction probabilities and an expected return.
    /// </summary>
    public IReadOnlyList<ModelOutputHead> AdditionalOutputs { get; init; } = [];

    /// <summary>
    /// Mean forward mid move in basis points of the mid given the true class, in canonical order (down, flat, up),
    /// measured on the training set (key <c>hft.class_mean_move_bps</c>, a JSON object <c>{"down", "flat", "up"}</c>,
    /// written only when known). With it a direction classifier yields an expected move
    /// <c>sum_k P(k) x mean_k</c>; older models have none (null).
    /// </summary>
    public IReadOnlyList<double>? ClassMeanMoveBps { get; init; }

    /// <summary>
    /// Serve this direction model with the per-symbol move-prior correction (key <c>hft.move_prior</c>, the JSON of
    /// <see cref="Calibration.MovePriorOptions"/>, written only when set): its P(move) is shifted online toward each
    /// symbol's realised move share (<see cref="Calibration.MovePriorTracker"/>). Null (older models): served as is.
    /// </summary>
    public Calibration.MovePriorOptions? MovePrior { get; init; }

    /// <summary>
    /// Unit of a return regressor's target (key <c>hft.return_unit</c>): <see cref="ReturnUnitBps"/> (basis points of
    /// the mid, scale-free) or null when not stated — older regressors predicted the change in the symbol's price
    /// units (ticks), which no cost model can compare across symbols.
    /// </summary>
    public string? ReturnUnit { get; init; }

    /// <summary>
    /// Reference distributions for drift monitoring (key <see cref="ModelReference.Key"/>, versioned JSON, written only
    /// when known): per-feature quantile sketches and the predictions' distribution on the training rows. Null = no
    /// reference (older models, or a format newer than this code reads).
    /// </summary>
    public ModelReference? Reference { get; init; }

    /// <summary>
    /// How a sequence model's window is cut from sampled feature rows (key <c>hft.sequence_window</c>, written only when
    /// set): sampling clock, stride between window rows, gap limit. Null for tabular models and older sequence models.
    /// </summary>
    public SequenceWindow? SequenceWindow { get; init; }

    /// <summary>
    /// The opt-in cross-symbol feature block the model was trained with (key <c>hft.features.cross_symbol</c>, the JSON of
    /// <see cref="CrossSymbolOptions"/>, written only when set): <see cref="FeatureOptions"/> turns it on, so the engine
    /// computes the block only for a model that asks. A block version this engine does not compute is refused when the
    /// metadata is read. Null (every model without the key): the built-in columns only.
    /// </summary>
    public CrossSymbolOptions? CrossSymbol { get; init; }

    /// <summary>
    /// The columns the model was allowed to split on (<c>hft train --features</c>; key <c>hft.features.trained</c>, a JSON
    /// array of names in input order, written only when set): every other input column was held constant in training,
    /// so the model's outputs do not depend on it. The model still takes the whole row. Null: every column.
    /// </summary>
    public IReadOnlyList<string>? TrainedFeatures { get; init; }

    /// <summary>The <see cref="ReturnUnit"/> of a regressor whose target is in basis points of the mid.</summary>
    public const string ReturnUnitBps = "bps";

    /// <summary>Every output the metadata declares: the first (<see cref="OutputTensor"/>) then <see cref="AdditionalOutputs"/>.</summary>
    public IReadOnlyList<ModelOutputHead> Outputs => [new ModelOutputHead(OutputTensor, OutputKind, OutputNames), .. AdditionalOutputs];

    /// <summary>
    /// The feature engine settings that compute exactly the features this model was trained on: <paramref name="baseOptions"/>
    /// (triggers, windows; default <see cref="FeatureEngineOptions.Default"/>) with the model's <see cref="FeatureProfile"/>.
    /// The one function serving, replay, <c>hft features</c> and <c>hft evaluate</c> build their engine with.
    /// </summary>
    public FeatureEngineOptions FeatureOptions(FeatureEngineOptions? baseOptions = null) =>
        FeatureProfile.ApplyTo(baseOptions ?? FeatureEngineOptions.Default) with { CrossSymbol = CrossSymbol };

    /// <summary>True when metadata keys of this format are present at all (a foreign ONNX file has none).</summary>
    public static bool IsPresent(IReadOnlyDictionary<string, string> properties) =>
        properties is not null && properties.ContainsKey(P + "schema_hash");

    /// <summary>The metadata as ONNX <c>metadata_props</c> entries.</summary>
    public IReadOnlyDictionary<string, string> ToProperties()
    {
        Validate();
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [P + "name"] = Name,
            [P + "version"] = Version,
            [P + "schema_hash"] = SchemaHash,
            [P + "feature_names"] = JsonSerializer.Serialize([.. FeatureNames], MetadataJsonContext.Default.StringArray),
            [P + "input_kind"] = InputKind == ModelInputKind.Sequence ? "sequence" : "tabular",
            [P + "sequence_length"] = SequenceLength.ToString(CultureInfo.InvariantCulture),
            [P + "output_kind"] = OutputKind == ModelOutputKind.Regression ? "regression" : "classification",
            [P + "output_names"] = JsonSerializer.Serialize([.. OutputNames], MetadataJsonContext.Default.StringArray),
            [P + "output_tensor"] = OutputTensor,
            [P + "horizon_ms"] = ((long)Horizon.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            [P + "train_from"] = TrainFrom.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [P + "train_to"] = TrainTo.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [P + "validation_metrics"] = ValidationMetricsJson,
            [P + "created_utc"] = CreatedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [P + "data_description"] = DataDescription,
        };
        if (AdditionalOutputs.Count > 0) props[P + "outputs"] = WriteHeads(AdditionalOutputs);
        if (ClassMeanMoveBps is { } means)
            props[P + "class_mean_move_bps"] = JsonSerializer.Serialize(new Dictionary<string, double>
            {
                ["down"] = means[0], ["flat"] = means[1], ["up"] = means[2],
            }, MetadataJsonContext.Default.DictionaryStringDouble);
        if (ReturnUnit is { } unit) props[P + "return_unit"] = unit;
        if (MovePrior is { } prior) props[P + "move_prior"] = prior.ToJson();
        if (Reference is { } reference) props[ModelReference.Key] = reference.ToJson();
        if (SequenceWindow is { } window) props[P + "sequence_window"] = window.ToJson();
        if (CrossSymbol is { } cross) props[P + "features.cross_symbol"] = cross.ToJson();
        if (TrainedFeatures is { } trained) props[P + "features.trained"] = JsonSerializer.Serialize([.. trained], MetadataJsonContext.Default.StringArray);
        if (!FeatureProfile.IsDefault)
        {
            props[P + "features.profile"] = FeatureProfile.Identity;
            if (FeatureProfile.GarchJson is { } g) props[P + "features.garch"] = g;
            if (FeatureProfile.SeasonalityJson is { } h) props[P + "features.seasonality"] = h;
        }
        return props;
    }

    /// <summary>Reads metadata, or throws <see cref="ModelMetadataException"/> naming every missing or bad key.</summary>
    public static ModelMetadata Parse(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var errors = new List<string>();
        foreach (var k in RequiredKeys)
            if (!properties.ContainsKey(k)) errors.Add($"missing '{k}'");
        if (errors.Count > 0) throw new ModelMetadataException("model metadata incomplete: " + string.Join(", ", errors));

        string Get(string key) => properties[P + key];
        T Try<T>(string key, Func<string, T> parse, T fallback)
        {
            try { return parse(Get(key)); }
            catch (Exception e) when (e is FormatException or OverflowException or JsonException or ArgumentException)
            {
                errors.Add($"'{P}{key}' = '{Get(key)}' is invalid ({e.Message})");
                return fallback;
            }
        }
        static DateTimeOffset Time(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        static IReadOnlyList<string> Names(string s) => JsonSerializer.Deserialize(s, MetadataJsonContext.Default.StringArray) ?? throw new FormatException("null list");
        static T Enum<T>(string s, string a, T va, string b, T vb) => s == a ? va : s == b ? vb : throw new FormatException($"expected '{a}' or '{b}'");

        var md = new ModelMetadata(
            Get("name"), Get("version"), Get("schema_hash"),
            Try("feature_names", Names, []),
            Try("input_kind", s => Enum(s, "tabular", ModelInputKind.Tabular, "sequence", ModelInputKind.Sequence), ModelInputKind.Tabular),
            Try("sequence_length", s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture), 1),
            Try("output_kind", s => Enum(s, "classification", ModelOutputKind.Classification, "regression", ModelOutputKind.Regression), ModelOutputKind.Classification),
            Try("output_names", Names, []),
            Get("output_tensor"),
            Try("horizon_ms", s => TimeSpan.FromMilliseconds(long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)), TimeSpan.Zero),
            Try("train_from", Time, default),
            Try("train_to", Time, default),
            Get("validation_metrics"),
            Try("created_utc", Time, default),
            Get("data_description"));
        md = md with
        {
            FeatureProfile = ReadProfile(properties, errors), AdditionalOutputs = ReadHeads(properties, errors),
            ClassMeanMoveBps = ReadClassMeans(properties, errors),
            ReturnUnit = properties.TryGetValue(P + "return_unit", out var unit) ? unit.Trim() : null,
            Reference = ReadReference(properties, errors),
        };
        if (properties.ContainsKey(P + "move_prior"))
            md = md with { MovePrior = Try("move_prior", Calibration.MovePriorOptions.Parse, null) };
        if (properties.ContainsKey(P + "features.cross_symbol"))
            md = md with { CrossSymbol = Try("features.cross_symbol", CrossSymbolOptions.Parse, null) };
        if (properties.ContainsKey(P + "features.trained"))
            md = md with { TrainedFeatures = Try<IReadOnlyList<string>?>("features.trained", Names, null) };
        if (properties.ContainsKey(P + "sequence_window"))
            md = md with { SequenceWindow = Try("sequence_window", Metadata.SequenceWindow.Parse, null) };
        if (errors.Count > 0) throw new ModelMetadataException("model metadata malformed: " + string.Join("; ", errors));
        md.Validate();
        return md;
    }

    // Optional keys (older models have none: the defaults). The stored identity must match the parameters, so a
    // hand-edited number cannot pass as the profile a running engine was checked against.
    private static FeatureProfile ReadProfile(IReadOnlyDictionary<string, string> properties, List<string> errors)
    {
        properties.TryGetValue(P + "features.garch", out var garch);
        properties.TryGetValue(P + "features.seasonality", out var seasonality);
        properties.TryGetValue(P + "features.profile", out var identity);
        if (garch is null && seasonality is null && identity is null) return FeatureProfile.Default;
        try
        {
            var profile = FeatureProfile.FromJson(garch, seasonality);
            if (identity is not null && identity != profile.Identity)
                errors.Add($"'{P}features.profile' = '{identity}' does not match its parameters ({profile.Identity})");
            return profile;
        }
        catch (FormatException e)
        {
            errors.Add($"'{P}features.*' is invalid ({e.Message})");
            return FeatureProfile.Default;
        }
    }

    // Optional key: models trained before it have none (null). Every class must be present and finite.
    private static double[]? ReadClassMeans(IReadOnlyDictionary<string, string> properties, List<string> errors)
    {
        if (!properties.TryGetValue(P + "class_mean_move_bps", out var text)) return null;
        try
        {
            var map = JsonSerializer.Deserialize(text, MetadataJsonContext.Default.DictionaryStringDouble) ?? throw new FormatException("null object");
            var means = new double[3];
            string[] names = ["down", "flat", "up"];
            for (int i = 0; i < names.Length; i++)
            {
                if (!map.TryGetValue(names[i], out var v)) throw new FormatException($"no '{names[i]}'");
                if (!double.IsFinite(v)) throw new FormatException($"'{names[i]}' is not finite");
                means[i] = v;
            }
            return means;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            errors.Add($"'{P}class_mean_move_bps' = '{text}' is invalid ({e.Message})");
            return null;
        }
    }

    // Optional key: models trained before it have none (null), as have those of a newer format.
    private static ModelReference? ReadReference(IReadOnlyDictionary<string, string> properties, List<string> errors)
    {
        if (!properties.TryGetValue(ModelReference.Key, out var text)) return null;
        try { return ModelReference.Parse(text); }
        catch (FormatException e)
        {
            errors.Add($"'{ModelReference.Key}' is invalid ({e.Message})");
            return null;
        }
    }

    private static string WriteHeads(IReadOnlyList<ModelOutputHead> heads) =>
        JsonSerializer.Serialize(heads.Select(h => new OutputHeadJson(h.Tensor, KindText(h.Kind), [.. h.Names])).ToArray(), MetadataJsonContext.Default.OutputHeadJsonArray);

    private static string KindText(ModelOutputKind kind) => kind == ModelOutputKind.Regression ? "regression" : "classification";

    // Optional key: models with one output have none.
    private static IReadOnlyList<ModelOutputHead> ReadHeads(IReadOnlyDictionary<string, string> properties, List<string> errors)
    {
        if (!properties.TryGetValue(P + "outputs", out var text)) return [];
        try
        {
            var heads = JsonSerializer.Deserialize(text, MetadataJsonContext.Default.OutputHeadJsonArray) ?? throw new FormatException("null list");
            return [.. heads.Select(h => new ModelOutputHead(
                h.tensor ?? throw new FormatException("an output without 'tensor'"),
                h.kind == "classification" ? ModelOutputKind.Classification : h.kind == "regression" ? ModelOutputKind.Regression
                    : throw new FormatException($"output '{h.tensor}': kind '{h.kind}' is not 'classification' or 'regression'"),
                h.names ?? throw new FormatException($"output '{h.tensor}' without 'names'")))];
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            errors.Add($"'{P}outputs' is invalid ({e.Message})");
            return [];
        }
    }

    /// <summary>Throws <see cref="ModelMetadataException"/> when fields contradict each other.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("name is empty");
        if (string.IsNullOrWhiteSpace(SchemaHash)) errors.Add("schema hash is empty");
        if (FeatureNames is null || FeatureNames.Count == 0) errors.Add("no feature names");
        if (InputKind == ModelInputKind.Tabular && SequenceLength != 1) errors.Add($"tabular input with sequence length {SequenceLength}");
        if (InputKind == ModelInputKind.Sequence && SequenceLength < 1) errors.Add($"sequence length {SequenceLength} < 1");
        if (OutputNames is null || OutputNames.Count == 0) errors.Add("no output names");
        if (string.IsNullOrWhiteSpace(OutputTensor)) errors.Add("output tensor name is empty");
        foreach (var h in AdditionalOutputs)
        {
            if (string.IsNullOrWhiteSpace(h.Tensor) || h.Names is null || h.Names.Count == 0) errors.Add("an additional output without a tensor name or names");
            else if (h.Tensor == OutputTensor || AdditionalOutputs.Count(o => o.Tensor == h.Tensor) > 1) errors.Add($"output '{h.Tensor}' is declared twice");
        }
        if (Horizon < TimeSpan.Zero) errors.Add("negative horizon");
        if (ClassMeanMoveBps is { } m && (m.Count != 3 || m.Any(v => !double.IsFinite(v)))) errors.Add("class mean moves are not three finite numbers (down, flat, up)");
        if (Reference is { } r && FeatureNames is not null && r.Features.Count != FeatureNames.Count)
            errors.Add($"the reference sketches {r.Features.Count} features, the model has {FeatureNames.Count}");
        if (TrainTo < TrainFrom) errors.Add("training window ends before it starts");
        if (TrainedFeatures is { } trained && FeatureNames is not null)
        {
            if (trained.Count == 0) errors.Add("the trained-feature list is empty");
            if (trained.Except(FeatureNames).ToArray() is { Length: > 0 } strangers) errors.Add($"trained features [{string.Join(", ", strangers)}] are not inputs of the model");
        }
        try
        {
            using var doc = JsonDocument.Parse(ValidationMetricsJson ?? "");
            if (doc.RootElement.ValueKind != JsonValueKind.Object) errors.Add("validation metrics are not a JSON object");
        }
        catch (JsonException e) { errors.Add($"validation metrics are not JSON ({e.Message})"); }
        if (errors.Count > 0) throw new ModelMetadataException("model metadata invalid: " + string.Join("; ", errors));
    }
}
