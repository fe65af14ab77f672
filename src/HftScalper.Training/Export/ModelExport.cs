using HftScalper.Features.Regime;
using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Pipeline;

namespace HftScalper.Training.Export;

/// <summary>
/// Writes a <see cref="TrainingResult"/> as self-describing ONNX files: the direction classifier at the given path
/// (<c>scores [B,3]</c> = P(down, flat, up)) and, when trained, the return regressor beside it as
/// <c>NAME.return.onnx</c> (<c>scores [B,1]</c>, bps of the mid; <c>hft.return_unit</c> = <c>bps</c>). Both carry the schema hash, feature names, horizon, training
/// window, validation metrics, creation time and the data description.
/// </summary>
public static class ModelExport
{
    /// <summary>Writes the files; returns the paths written. <paramref name="labelling"/> (threshold, sampling) joins the
    /// validation metrics so <c>hft evaluate</c> can label held-out data the same way. <paramref name="profile"/> (the
    /// fitted regime parameters the features were computed with; null = defaults) goes into the <c>hft.features.*</c>
    /// keys and <paramref name="profileDescription"/> (how it was fitted) into the metrics as <c>featureProfile</c>;
    /// <paramref name="crossSymbol"/> (the opt-in cross-symbol block the rows were computed with) into <c>hft.features.cross_symbol</c>.</summary>
    public static IReadOnlyList<string> Save(TrainingResult result, FeatureSchema schema, TimeSpan horizon, string path, string name, string dataDescription,
        System.Text.Json.Nodes.JsonObject? labelling = null, FeatureProfile? profile = null, System.Text.Json.Nodes.JsonObject? profileDescription = null,
        Features.CrossSymbol.CrossSymbolOptions? crossSymbol = null)
    {
        profile ??= FeatureProfile.Default;
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var json = result.ToJson();
        if (labelling is not null) json["labelling"] = labelling.DeepClone();
        if (profileDescription is not null) json["featureProfile"] = profileDescription.DeepClone();
        var metrics = json.ToJsonString();
        var direction = result.Stacked is { } stack ? StackedExporter.Direction(stack, schema.Count) : TreeModelExporter.Direction(result.Direction, schema.Count);
        OnnxModelFile.Save(direction, Metadata(result, schema, horizon, name, ModelOutputKind.Classification, DirectionClass.Names, metrics, dataDescription)
            with { FeatureProfile = profile, ClassMeanMoveBps = result.ClassMeanMoveBps, MovePrior = result.MovePrior, CrossSymbol = crossSymbol,
                TrainedFeatures = result.TrainedFeatures }, full);
        var written = new List<string> { full };
        if (result.Return is { } ret)
        {
            var returnPath = Inference.Loading.ReturnModelPath.For(full);
            OnnxModelFile.Save(TreeModelExporter.Return(ret, schema.Count),
                Metadata(result, schema, horizon, name + "-return", ModelOutputKind.Regression, [ReturnTarget], metrics, dataDescription)
                    with { FeatureProfile = profile, ReturnUnit = ModelMetadata.ReturnUnitBps, CrossSymbol = crossSymbol, TrainedFeatures = result.TrainedFeatures },
                returnPath);
            written.Add(returnPath);
        }
        return written;
    }

    /// <summary>Target name of the return regressor: the forward mid change in basis points of the mid.</summary>
    public const string ReturnTarget = "forward_mid_change_bps";

    private static ModelMetadata Metadata(TrainingResult r, FeatureSchema schema, TimeSpan horizon, string name, ModelOutputKind kind,
        IReadOnlyList<string> outputs, string metrics, string description) => new(
        name,
        DateTime.UtcNow.ToString("yyyy.MM.dd-HHmm", System.Globalization.CultureInfo.InvariantCulture),
        schema.Hash,
        [.. schema.Features.Select(f => f.Name)],
        ModelInputKind.Tabular,
        1,
        kind,
        outputs,
        OnnxGraph.ScoresName,
        horizon,
        DateTimeOffset.FromUnixTimeMilliseconds(r.TrainFromNs / 1_000_000),
        DateTimeOffset.FromUnixTimeMilliseconds(r.TrainToNs / 1_000_000),
        metrics,
        DateTimeOffset.UtcNow,
        description);
}
