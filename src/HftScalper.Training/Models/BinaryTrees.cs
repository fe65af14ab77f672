using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace HftScalper.Training.Models;

/// <summary>
/// One trained binary LightGBM model as ML.NET exposes it publicly: the tree ensemble (raw score =
/// <c>Bias + Σ weight·tree(x)</c>) and its Platt calibrator (probability = <c>1 / (1 + exp(Slope·raw + Offset))</c>),
/// with the ML.NET transformer kept to predict and to check the export against.
/// </summary>
/// <param name="Ensemble">The trees.</param>
/// <param name="Slope">Platt slope (LightGBM: minus its sigmoid parameter).</param>
/// <param name="Offset">Platt offset.</param>
/// <param name="Transformer">ML.NET's fitted prediction transformer.</param>
public sealed record BinaryTrees(RegressionTreeEnsemble Ensemble, double Slope, double Offset, ITransformer Transformer);
