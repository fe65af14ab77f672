using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// A three-class direction classifier made of binary LightGBM heads. ML.NET 5 builds its LightGBM multiclass
/// predictor as a <c>OneVersusAllModelParameters</c> whose per-class tree ensembles are not public API, so we train
/// binary models ourselves: each one's trees and Platt calibrator are public (<see cref="BinaryTrees"/>), which makes
/// the ONNX export exact. <see cref="DirectionForm.OneVsRest"/>: three heads (down, flat, up) whose calibrated
/// probabilities are normalised to sum to one (what ML.NET's own one-vs-rest does). <see cref="DirectionForm.TwoStage"/>:
/// P(move) and P(up | move) (<see cref="TwoStage"/>), with <see cref="MoveLogitOffset"/> added to the move head's logit.
/// </summary>
public sealed class DirectionModel
{
    /// <summary>Wraps the heads: down/flat/up for one-vs-rest, move/up-given-move for two-stage.</summary>
    public DirectionModel(IReadOnlyList<BinaryTrees> heads, GbmParameters parameters, DirectionForm form = DirectionForm.OneVsRest, double moveLogitOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(heads);
        int need = HeadsOf(form);
        if (heads.Count != need) throw new ArgumentException($"a {form} model needs {need} heads, got {heads.Count}", nameof(heads));
        if (!double.IsFinite(moveLogitOffset) || (form == DirectionForm.OneVsRest && moveLogitOffset != 0))
            throw new ArgumentOutOfRangeException(nameof(moveLogitOffset), "a move offset is finite and only for two-stage models");
        Heads = heads;
        Parameters = parameters;
        Form = form;
        MoveLogitOffset = moveLogitOffset;
    }

    /// <summary>The binary heads (see the constructor).</summary>
    public IReadOnlyList<BinaryTrees> Heads { get; }

    /// <summary>The hyperparameters it was trained with.</summary>
    public GbmParameters Parameters { get; }

    /// <summary>How the heads combine into class probabilities.</summary>
    public DirectionForm Form { get; }

    /// <summary>Added to the logit of P(move) (two-stage only; 0 = the calibrated head). A positive offset calls more moves.</summary>
    public double MoveLogitOffset { get; }

    /// <summary>Trees over all heads.</summary>
    public int TreeCount => Heads.Sum(c => c.Ensemble.Trees.Count);

    /// <summary>Heads of a form: 3 one-vs-rest, 2 two-stage.</summary>
    public static int HeadsOf(DirectionForm form) => form == DirectionForm.TwoStage ? 2 : DirectionClass.Count;

    /// <summary>The same heads with another move offset (two-stage).</summary>
    public DirectionModel WithMoveOffset(double offset) => new(Heads, Parameters, Form, offset);

    /// <summary>
    /// Predicts rows <paramref name="rows"/> of <paramref name="samples"/> with ML.NET, writing three probabilities per
    /// row (down, flat, up) into <paramref name="probabilities"/> (row-major, at the row's position in <paramref name="rows"/>).
    /// </summary>
    public void Predict(MLContext ml, FeatureMatrix samples, int[] rows, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        if (probabilities.Length < rows.Length * DirectionClass.Count) throw new ArgumentException("output too short", nameof(probabilities));
        var view = new MatrixDataView(samples.Buffer, samples.Width, rows);
        var output = probabilities[..(rows.Length * DirectionClass.Count)];
        if (Form == DirectionForm.OneVsRest)
        {
            for (int k = 0; k < DirectionClass.Count; k++)
            {
                int i = 0;
                foreach (var p in Heads[k].Transformer.Transform(view).GetColumn<float>("Probability"))
                    output[i++ * DirectionClass.Count + k] = p;
            }
            Normalise(output);
            return;
        }
        // Two-stage: heads' probabilities into the down and up slots, then composed in place.
        for (int h = 0; h < 2; h++)
        {
            int i = 0;
            foreach (var p in Heads[h].Transformer.Transform(view).GetColumn<float>("Probability"))
                output[i++ * DirectionClass.Count + (h == 0 ? DirectionClass.Down : DirectionClass.Up)] = p;
        }
        for (int i = 0; i < rows.Length; i++)
        {
            var row = output.Slice(i * DirectionClass.Count, DirectionClass.Count);
            TwoStage.Compose(TwoStage.ShiftLogit(row[DirectionClass.Down], MoveLogitOffset), row[DirectionClass.Up], row);
        }
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
