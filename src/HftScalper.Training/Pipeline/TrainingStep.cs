namespace HftScalper.Training.Pipeline;

/// <summary>
/// Where a training job stands, for a progress display: <paramref name="Stage"/> is <c>profile</c> (the replay that
/// fits the feature profile), <c>dataset</c> (the replay that builds the samples), <c>search</c> (hyperparameter
/// candidate <paramref name="Done"/> + 1 of <paramref name="Total"/> running), <c>folds</c> (walk-forward fold), <c>final</c>
/// (fitting the models on all samples) or <c>export</c>. A replay stage's share comes from
/// <see cref="Core.Feeds.InputProgress"/>; the others count steps.
/// </summary>
/// <param name="Stage">The stage.</param>
/// <param name="Done">Steps of the stage finished.</param>
/// <param name="Total">Steps of the stage (1 for a replay or a single fit).</param>
public sealed record TrainingStep(string Stage, int Done, int Total);
