using HftScalper.Training.Models;

namespace HftScalper.Training.Search;

/// <summary>
/// Random search over LightGBM hyperparameters: the first candidate is <see cref="GbmParameters.Default"/>, the
/// rest are drawn from log-uniform / discrete ranges with a seeded generator. Each candidate is scored by the caller
/// (walk-forward out-of-sample log-loss, with early stopping inside each fold); candidates start only while the
/// wall-clock budget lasts. No surrogate model: with a few dozen fits, random search is the honest choice.
/// </summary>
internal sealed class RandomSearch
{
    private static readonly int[] LeafChoices = [7, 15, 31, 63];
    private static readonly int[] MinLeafChoices = [20, 50, 100, 200];
    private static readonly double[] L2Choices = [0, 1, 5, 20];
    private readonly Random _rng;
    private readonly int _maxIterations;
    private readonly int _maxDepth;

    /// <summary>Creates a search seeded with <paramref name="seed"/>, every candidate capped at
    /// <paramref name="maxIterations"/> boosting rounds and <paramref name="maxDepth"/> levels per tree (0 = no depth
    /// cap): together the latency bound of the exported model.</summary>
    public RandomSearch(int seed, int maxIterations = 300, int maxDepth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        _rng = new Random(seed);
        _maxIterations = maxIterations;
        _maxDepth = maxDepth;
    }

    /// <summary>The i-th candidate (0 = defaults).</summary>
    public GbmParameters Next(int i) => i == 0 ? GbmParameters.Default with { MaxIterations = Math.Min(GbmParameters.Default.MaxIterations, _maxIterations), MaxDepth = _maxDepth } : new GbmParameters(
        LeafChoices[_rng.Next(LeafChoices.Length)],
        Math.Exp(Math.Log(0.01) + _rng.NextDouble() * (Math.Log(0.2) - Math.Log(0.01))),
        MinLeafChoices[_rng.Next(MinLeafChoices.Length)],
        _maxIterations,
        L2Choices[_rng.Next(L2Choices.Length)],
        0.5 + 0.5 * _rng.NextDouble(),
        20,
        _maxDepth);

    /// <summary>
    /// Scores candidates with <paramref name="score"/> (lower is better) until <paramref name="budget"/> or
    /// <paramref name="maxCandidates"/> runs out; returns every (parameters, score) tried, best first.
    /// </summary>
    public IReadOnlyList<(GbmParameters Parameters, double Score)> Run(Func<GbmParameters, double> score, TimeSpan budget, int maxCandidates)
    {
        ArgumentNullException.ThrowIfNull(score);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var tried = new List<(GbmParameters, double)>();
        for (int i = 0; i < maxCandidates && (i == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(started) < budget); i++)
        {
            var p = Next(i);
            tried.Add((p, score(p)));
        }
        return [.. tried.OrderBy(t => t.Item2)];
    }
}
