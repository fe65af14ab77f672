using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// A three-class direction classifier made of one-vs-rest binary LightGBM models (down, flat, up). ML.NET 5 builds
/// its LightGBM multiclass predictor as a <c>OneVersusAllModelParameters</c> whose per-class tree ensembles are not
/// public API, so we train the three binary models ourselves: each one's trees and Platt calibrator are public
/// (<see cref="BinaryTrees"/>), which makes the ONNX export exact. Class probabilities are the three calibrated
/// one-vs-rest probabilities normalised to sum to one (what ML.NET's own one-vs-rest does).
/// </summary>
public sealed class DirectionModel
{
    /// <summary>Wraps the three class models in <see cref="DirectionClass"/> order.</summary>
    public DirectionModel(IReadOnlyList<BinaryTrees> classes, GbmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count != DirectionClass.Count) throw new ArgumentException($"need {DirectionClass.Count} class models", nameof(classes));
        Classes = classes;
        Parameters = parameters;
    }

    /// <summary>The class models, down/flat/up.</summary>
    public IReadOnlyList<BinaryTrees> Classes { get; }

    /// <summary>The hyperparameters it was trained with.</summary>
    public GbmParameters Parameters { get; }

    /// <summary>Trees over all three classes.</summary>
    public int TreeCount => Classes.Sum(c => c.Ensemble.Trees.Count);

    /// <summary>
    /// Predicts rows <paramref name="rows"/> of <paramref name="samples"/> with ML.NET, writing three normalised
    /// probabilities per row into <paramref name="probabilities"/> (row-major, at the row's position in <paramref name="rows"/>).
    /// </summary>
    public void Predict(MLContext ml, FeatureMatrix samples, int[] rows, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        if (probabilities.Length < rows.Length * DirectionClass.Count) throw new ArgumentException("output too short", nameof(probabilities));
        var view = new MatrixDataView(samples.Buffer, samples.Width, rows);
        for (int k = 0; k < DirectionClass.Count; k++)
        {
            int i = 0;
            foreach (var p in Classes[k].Transformer.Transform(view).GetColumn<float>("Probability"))
                probabilities[i++ * DirectionClass.Count + k] = p;
        }
        Normalise(probabilities[..(rows.Length * DirectionClass.Count)]);
    }

    /// <summary>Divides each row of three class probabilities by its sum.</summary>
    public static void Normalise(Span<float> probabilities)
    {
        for (int i = 0; i + DirectionClass.Count <= probabilities.Length; i += DirectionClass.Count)
        {
            var row = probabilities.Slice(i, DirectionClass.Count);
            float sum = row[0] + row[1] + row[2];
            if (sum > 0) for (int k = 0; k < row.Length; k++) row[k] /= sum;
        }
    }
}
