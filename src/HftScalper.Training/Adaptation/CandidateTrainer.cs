using System.Diagnostics;
using HftScalper.Features.Schema;
using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// One retrain off the hot path: labels a snapshot of the recent window and trains it with <c>hft train</c>'s trainer
/// (<see cref="ModelTrainer"/>: walk-forward folds, fixed LightGBM parameters, one thread), then exports the candidate
/// (same schema, horizon, threshold and feature profile as the live model) into the models folder. Runs on its own
/// background thread at the lowest priority; the memory it uses is bounded by the window's row cap.
/// </summary>
internal sealed class CandidateTrainer
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _done = new();

    private CandidateTrainer(Action body)
    {
        _thread = new Thread(() =>
        {
            try { body(); }
            finally { _done.Set(); }
        })
        {
            IsBackground = true,
            Priority = ThreadPriority.Lowest,
            Name = "hft-retrain",
        };
    }

    /// <summary>The file written, once done (null when the retrain failed: see <see cref="Error"/>).</summary>
    public string? Path { get; private set; }

    /// <summary>Why the retrain failed (null when it succeeded or is running).</summary>
    public string? Error { get; private set; }

    /// <summary>Samples trained on (labelled).</summary>
    public int Samples { get; private set; }

    /// <summary>Wall-clock seconds the training took.</summary>
    public double Seconds { get; private set; }

    /// <summary>Out-of-sample log-loss of the candidate over its walk-forward folds.</summary>
    public double OutOfSampleLogLoss { get; private set; } = double.NaN;

    /// <summary>True once the thread has finished.</summary>
    public bool IsDone => _done.IsSet;

    /// <summary>Waits for the thread; returns the wall-clock milliseconds waited.</summary>
    public double Wait()
    {
        long t0 = Stopwatch.GetTimestamp();
        _done.Wait();
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    /// <summary>Starts training <paramref name="samples"/> labelled on <paramref name="path"/>; the candidate goes to <paramref name="file"/>.</summary>
    public static CandidateTrainer Start(FeatureMatrix samples, DecisionSeries path, FeatureSchema schema, AdaptationOptions options, string file,
        string name, string description)
    {
        CandidateTrainer? self = null;
        self = new CandidateTrainer(() => self!.Run(samples, path, schema, options, file, name, description));
        self._thread.Start();
        return self;
    }

    private void Run(FeatureMatrix samples, DecisionSeries path, FeatureSchema schema, AdaptationOptions options, string file, string name, string description)
    {
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            var horizon = TimeSpan.FromTicks(options.HorizonNs / 100);
            var data = new LabeledDataset(samples, path, [horizon], options.Threshold);
            var labels = data.At(horizon);
            Samples = labels.Classes.Count(c => c >= 0);
            if (Samples < options.MinSamples)
            {
                Error = $"only {Samples} labelled samples in the window (need {options.MinSamples})";
                return;
            }
            var training = new TrainingOptions
            {
                Horizon = horizon,
                Threshold = options.Threshold,
                WalkForward = new WalkForwardOptions { Folds = options.Folds },
                FixedParameters = options.Parameters,
                MaxIterations = options.Parameters.MaxIterations,
                TrainReturnModel = false,
                Seed = 1,
            };
            var result = new ModelTrainer(training).Train(data, -1);
            OutOfSampleLogLoss = result.OutOfSample.LogLoss;
            ModelExport.Save(result, schema, horizon, file, name, description, profile: options.Profile);
            Path = file;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException or IOException)
        {
            Error = e.Message;
        }
        finally
        {
            Seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
    }
}
