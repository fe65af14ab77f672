using System.Text.Json.Nodes;
using HftScalper.Features.Regime;
using HftScalper.Training.Data;

namespace HftScalper.Training.Pipeline;

/// <summary>What <see cref="TrainingJob.Run"/> produced.</summary>
/// <param name="Training">The models and their validation.</param>
/// <param name="Paths">Model files written.</param>
/// <param name="Dataset">The replayed dataset.</param>
/// <param name="Labelling">Threshold, sampling and horizon (also in the metadata).</param>
public sealed record TrainingJobResult(TrainingResult Training, IReadOnlyList<string> Paths, ReplayDataset Dataset, JsonObject Labelling)
{
    /// <summary>The fitted (or given) regime parameters the dataset was built with and the models record.</summary>
    public FeatureProfile FeatureProfile { get; init; } = FeatureProfile.Default;

    /// <summary>How the profile was obtained (also in the metadata's validation metrics as <c>featureProfile</c>).</summary>
    public JsonObject FeatureProfileJson { get; init; } = [];
}
