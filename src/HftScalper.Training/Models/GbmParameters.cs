using System.Globalization;

namespace HftScalper.Training.Models;

/// <summary>LightGBM hyperparameters searched by <see cref="Search.RandomSearch"/>.</summary>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="LearningRate">Shrinkage.</param>
/// <param name="MinLeafSamples">Minimum samples in a leaf.</param>
/// <param name="MaxIterations">Boosting rounds before early stopping.</param>
/// <param name="L2">L2 regularisation of leaf values.</param>
/// <param name="FeatureFraction">Share of features tried per tree.</param>
/// <param name="EarlyStoppingRounds">Rounds without validation improvement before stopping (0 = off).</param>
/// <param name="MaxDepth">Deepest split path per tree (0 = no cap, LightGBM's leaf budget alone). A serving walk is one
/// node per level, so this bounds the model's worst-case inference cost where the leaf budget does not: leaf-wise
/// growth can spend 15 leaves on a 14-deep chain.</param>
public sealed record GbmParameters(int Leaves, double LearningRate, int MinLeafSamples, int MaxIterations, double L2,
    double FeatureFraction, int EarlyStoppingRounds, int MaxDepth = 0)
{
    /// <summary>Conservative defaults: small trees, slow learning, early stopping after 20 flat rounds.</summary>
    public static GbmParameters Default { get; } = new(15, 0.05, 50, 200, 1.0, 0.8, 20);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"leaves={Leaves} lr={LearningRate:0.###} minLeaf={MinLeafSamples} iters<={MaxIterations} l2={L2:0.##} ff={FeatureFraction:0.##}{(MaxDepth > 0 ? $" depth<={MaxDepth}" : "")}");
}
