namespace HftScalper.Training.Models;

/// <summary>
/// LightGBM grew a tree without a split (a single leaf), which ML.NET cannot read back: no split left
/// <see cref="GbmParameters.MinLeafSamples"/> rows on each side, i.e. the rows are too few for these parameters. The
/// parameters do not suit the data (an argument error, so the CLI reports it as bad input, not as a bug): the
/// hyperparameter search skips such a candidate, and training with the defaults says so. No inner exception on
/// purpose: a caller reporting the innermost exception would print ML.NET's bare "Value cannot be null" instead.
/// </summary>
internal sealed class NoSplitException(string message) : ArgumentException(message);
