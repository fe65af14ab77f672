using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace HftScalper.Training.Models;

/// <summary>A LightGBM regression of the forward mid change (ticks): <c>Bias + Σ weight·tree(x)</c>.</summary>
/// <param name="Ensemble">The trees.</param>
/// <param name="Transformer">ML.NET's fitted transformer (predicts the <c>Score</c> column).</param>
public sealed record ReturnModel(RegressionTreeEnsemble Ensemble, ITransformer Transformer)
{
    /// <summary>Predicts rows <paramref name="rows"/> of <paramref name="samples"/> with ML.NET.</summary>
    public void Predict(FeatureMatrix samples, int[] rows, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        int i = 0;
        foreach (var s in Transformer.Transform(new MatrixDataView(samples.Buffer, samples.Width, rows)).GetColumn<float>("Score"))
            output[i++] = s;
    }
}
