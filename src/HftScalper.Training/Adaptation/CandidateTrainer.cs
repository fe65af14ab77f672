using System.Diagnostics;
using HftScalper.Features.Schema;
using HftScalper.Inference.Lifecycle;
using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// One retrain off the hot path: labels a snapshot of the recent window and trains it with <c>hft train</c>'s trainer
/// (<see cref="ModelTrainer"/>: walk-forward folds, fixed LightGBM parameters, one thread), then exports the candidate
/// (same schema, horizon, threshold and feature profile as the live model) into the models folder. Runs on the loop's
/// <see cref="AdaptWorker"/> (one background thread at the lowest priority); the memory it uses is bounded by the
/// window's row cap. Live, the worker also hands the file to the lifecycle (validation loads an ONNX session), so the
/// pipeline's thread only reads the outcome.
/// </summary>
internal sealed class CandidateTrainer
{
    private readonly ManualResetEventSlim _done = new();

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

    /// <summary>Live: the lifecycle's verdict on the candidate, given on the worker (null: not handed over, or ignored).</summary>
    public ModelValidationReport? Installed { get; private set; }

    /// <summary>True when the candidate was handed to the lifecycle on the worker (<see cref="Installed"/> is its answer).</summary>
    public bool HandedOver { get; private set; }

    /// <summary>True once the retrain has finished (or failed).</summary>
    public bool IsDone => _done.IsSet;

    /// <summary>Waits for the thread; returns the wall-clock milliseconds waited.</summary>
    public double Wait()
    {
        long t0 = Stopwatch.GetTimestamp();
        _done.Wait();
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    /// <summary>
    /// Posts the training of <paramref name="samples"/> labelled on <paramref name="path"/> to <paramref name="worker"/>;
    /// the candidate goes to <paramref name="file"/>. With <paramref name="install"/> (live) the worker then hands the
    /// file to it unless the worker is stopping. Null when the worker is busy or stopping.
    /// </summary>
    /// <remarks><paramref name="donors"/>: other symbols' windows pooled with this one (transfer; empty = its own data only).
    /// <paramref name="warmStartBase"/>: fine-tune this model on the window instead of training from scratch (<see cref="TransferMode.WarmStart"/>).</remarks>
    public static CandidateTrainer? Start(AdaptWorker worker, FeatureMatrix samples, DecisionSeries path, FeatureSchema schema, AdaptationOptions options,
        string file, string name, string description, Func<string, ModelValidationReport?>? install = null,
        IReadOnlyList<(FeatureMatrix Samples, DecisionSeries Path)>? donors = null, string? warmStartBase = null)
    {
        var self = new CandidateTrainer();
        bool posted = worker.TryPost(() =>
        {
            try
            {
                self.Run([(samples, path), .. donors ?? []], schema, options, file, name, description, warmStartBase);
                if (install is not null && self.Path is not null && !worker.Stopping)
                {
                    self.HandedOver = true;
                    self.Installed = install(self.Path);
                }
            }
            catch (Exception e)
            {
                self.Error ??= $"worker error: {e.GetType().Name}: {e.Message}";
                self.Path = null;
                throw; // counted by the worker
            }
            finally { self._done.Set(); }
        });
        return posted ? self : null;
    }

    private void Run(IReadOnlyList<(FeatureMatrix Samples, DecisionSeries Path)> parts, FeatureSchema schema, AdaptationOptions options, string file, string name, string description,
        string? warmStartBase)
    {
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            var horizon = TimeSpan.FromTicks(options.HorizonNs / 100);
            var data = PooledSamples.Label(parts, horizon, options.Threshold);
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
            if (!TrainingFeature.IsSupported) throw TrainingFeature.NotInThisBuild("--adapt");
            if (warmStartBase is not null)
            {
                var baseModel = WarmStart.BaseEnsemble.Load(warmStartBase);
                WarmStart.WarmStartFit.CheckSchema(baseModel, schema);
                var warm = WarmStart.WarmStartFit.Run(baseModel, data, horizon, options.Parameters, options.Folds, seed: 1);
                OutOfSampleLogLoss = warm.OutOfSample?.LogLoss ?? double.NaN;
                var labelling = new System.Text.Json.Nodes.JsonObject
                {
                    ["threshold"] = options.Threshold.ToString(),
                    ["sampleIntervalMs"] = options.SampleIntervalNs / 1_000_000,
                    ["horizonMs"] = (long)horizon.TotalMilliseconds,
                };
                WarmStart.WarmStartFit.Save(warm, file, name, description, labelling, keepMovePrior: false);
                Path = file;
                return;
            }
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
