using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using Microsoft.ML;

namespace HftScalper.Training.Pipeline;

/// <summary>Trains a global model and one per regime with enough samples, each with early stopping on its window's end.</summary>
internal sealed class RegimeTrainer(MLContext ml, LabeledDataset data, HorizonLabels labels, TrainingOptions options, int regimeFeature)
{
    /// <summary>Direction models on <paramref name="rows"/> (time-ordered); <paramref name="regimes"/> false = global only.</summary>
    public RegimeSet<DirectionModel> Direction(int[] rows, GbmParameters p, bool regimes) =>
        new(TrainDirection(rows, p), regimes ? RegimeModels(rows, p) : new DirectionModel?[RegimeGate.Regimes], regimeFeature);

    /// <summary>Only the per-regime direction models (null where a regime has too few samples or there is no regime feature).</summary>
    public DirectionModel?[] RegimeModels(int[] rows, GbmParameters p)
    {
        var byRegime = new DirectionModel?[RegimeGate.Regimes];
        if (regimeFeature < 0) return byRegime;
        var split = Split(rows);
        for (int r = 0; r < byRegime.Length; r++)
            if (Eligible(split[r])) byRegime[r] = TrainDirection(split[r], p);
        return byRegime;
    }

    /// <summary>Return regressors on <paramref name="rows"/>.</summary>
    public RegimeSet<ReturnModel> Return(int[] rows, GbmParameters p, bool regimes)
    {
        var global = TrainReturn(rows, p);
        var byRegime = new ReturnModel?[RegimeGate.Regimes];
        if (regimes && regimeFeature >= 0)
        {
            var split = Split(rows);
            for (int r = 0; r < byRegime.Length; r++)
                if (Eligible(split[r])) byRegime[r] = TrainReturn(split[r], p);
        }
        return new RegimeSet<ReturnModel>(global, byRegime, regimeFeature);
    }

    private DirectionModel TrainDirection(int[] rows, GbmParameters p)
    {
        var (fit, valid) = EarlyStoppingSplit.Split(rows, data.Samples.TimesNs, labels.EndTimesNs, options.EarlyStoppingFraction);
        return DirectionTrainer.Train(ml, data.Samples, labels.Classes, fit, valid, p, options.Seed, options.Form);
    }

    private ReturnModel TrainReturn(int[] rows, GbmParameters p)
    {
        var (fit, valid) = EarlyStoppingSplit.Split(rows, data.Samples.TimesNs, labels.EndTimesNs, options.EarlyStoppingFraction);
        return ReturnTrainer.Train(ml, data.Samples, labels.ForwardBps, fit, valid, p, options.Seed);
    }

    // A regime model needs enough rows and every class present (a one-vs-rest model cannot learn an absent class).
    private bool Eligible(int[] rows)
    {
        if (rows.Length < options.MinRegimeSamples) return false;
        Span<int> counts = stackalloc int[DirectionClass.Count];
        foreach (var r in rows) counts[labels.Classes[r]]++;
        foreach (var c in counts) if (c < 20) return false;
        return true;
    }

    private int[][] Split(int[] rows)
    {
        var lists = new List<int>[RegimeGate.Regimes];
        for (int r = 0; r < lists.Length; r++) lists[r] = [];
        foreach (var row in rows) lists[RegimeGate.RegimeOf(data.Samples[row, regimeFeature])].Add(row);
        return [.. lists.Select(l => l.ToArray())];
    }
}
