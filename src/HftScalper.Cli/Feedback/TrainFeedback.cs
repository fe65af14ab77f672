using System.Text.Json.Nodes;
using HftScalper.Training.Pipeline;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// <c>hft train</c>'s progress and stop: each <see cref="TrainingStep"/> becomes a stage of the display (the two
/// replays show the share of the input read; search and folds show candidate i/n and fold k/n), and a stop
/// (Ctrl+C, SIGTERM) cancels the job at its next step and prints where it stopped, marked partial.
/// </summary>
internal sealed class TrainFeedback(RunWatch watch)
{
    private volatile TrainingStep _last = new("start", 0, 1);

    /// <summary><paramref name="options"/> reporting to this display and cancelled by the stop.</summary>
    public TrainingJobOptions Apply(TrainingJobOptions options) =>
        options with { Progress = OnStep, Cancellation = watch.Stop.Token };

    /// <summary>Prints the partial summary of a stopped job (nothing was written) and returns the stop's exit code.</summary>
    public int Stopped(bool json)
    {
        var s = _last;
        var o = new JsonObject
        {
            ["partial"] = true, ["stoppedBy"] = watch.Stop.Name, ["stage"] = s.Stage, ["stepsDone"] = s.Done, ["steps"] = s.Total,
            ["models"] = new JsonArray(),
        };
        if (json) JsonOut.Write(o);
        else Console.WriteLine($"PARTIAL: train stopped by {watch.Stop.Name} during {Label(s.Stage)} {Position(s)}; no model written");
        return watch.Stop.ExitCode;
    }

    private void OnStep(TrainingStep step)
    {
        bool newStage = step.Stage != _last.Stage;
        _last = step;
        if (!newStage) return;
        if (step.Stage is "profile" or "dataset") watch.Progress.Begin(Label(step.Stage), () => watch.Input.Fraction);
        else if (step.Total > 1) watch.Progress.Begin(Label(step.Stage), () => (double)_last.Done / Math.Max(1, _last.Total), detail: () => Position(_last));
        else watch.Progress.Begin(Label(step.Stage), () => null);
    }

    private static string Position(TrainingStep s) => $"{Math.Min(s.Done + 1, s.Total)}/{s.Total}";

    private static string Label(string stage) => stage switch
    {
        "profile" => "replay (fit the feature profile)",
        "dataset" => "replay (build the dataset)",
        "search" => "search candidate",
        "folds" => "walk-forward fold",
        "final" => "final fit",
        "export" => "export",
        _ => stage,
    };
}
