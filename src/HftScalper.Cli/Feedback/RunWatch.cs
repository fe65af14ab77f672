using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Replay;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// What a long verb that reads market input wires for the person watching it: the input meter
/// (<see cref="InputProgress.Current"/>, sized from the files, or the simulator's duration), the progress display
/// on stderr, and Ctrl+C / SIGTERM, which end the input early so the verb still summarises what it processed, marked
/// partial, and exits with <see cref="ExitCodes.Cancelled"/> or <see cref="ExitCodes.Terminated"/>.
/// Start it before the sources are opened (they register with the meter as they open).
/// </summary>
internal sealed class RunWatch : IDisposable
{
    private readonly string _verb;
    private readonly InputProgress? _previous;
    private readonly bool _ownsStop;
    private Func<bool>? _cut; // whether the stop cut the input short
    private double _shareAtStop;

    private RunWatch(string verb, IReadOnlyList<string> files, ProgressSettings settings, StopSignal? stop)
    {
        _verb = verb;
        _previous = InputProgress.Current;
        Input = files.Count > 0 ? InputProgress.ForPaths(files) : new InputProgress();
        InputProgress.Current = Input;
        Progress = CliProgress.Start(verb, settings);
        _ownsStop = stop is null;
        Stop = stop ?? new StopSignal();
        Stop.Notice = Progress.Line;
    }

    /// <summary>Starts watching <paramref name="verb"/> over <paramref name="files"/> (none: the simulator). The stop is
    /// <paramref name="stop"/> when given (the Generic Host's, <see cref="Hosting.HostedRun.Stop"/>: not disposed here),
    /// else the watch listens for the signals itself until disposed.</summary>
    public static RunWatch Start(string verb, IReadOnlyList<string> files, bool quiet = false, StopSignal? stop = null) =>
        new(verb, files, ProgressSettings.FromEnvironment(quiet), stop);

    /// <summary>The input meter the sources register with.</summary>
    public InputProgress Input { get; }

    /// <summary>The progress display.</summary>
    public CliProgress Progress { get; }

    /// <summary>The stop request (Ctrl+C, SIGTERM).</summary>
    public StopSignal Stop { get; }

    /// <summary>Whether the stop cut the input short: the verb's figures cover only what was processed.</summary>
    public bool Stopped => _cut?.Invoke() ?? false;

    /// <summary>The feed of <paramref name="source"/>, ending at a stop, shown as this verb's progress stage (events
    /// read against the input's share read).</summary>
    public BinanceEventFeed Feed(ReplaySource source, SymbolRegistry registry, string? autoRegisterVenue)
    {
        var stoppable = new StoppableFeed(source, registry, autoRegisterVenue, Stop);
        _cut = () => stoppable.Stopped;
        var feed = stoppable.Feed;
        Progress.Begin(_verb, () => Input.Fraction, () => feed.Events, "events");
        return feed;
    }

    /// <summary><paramref name="frames"/> ending at a stop, shown as this verb's progress stage (<paramref name="count"/>
    /// of <paramref name="unit"/> against the input's share read). Does not own <paramref name="frames"/>.</summary>
    public IRawFrameSource Frames(IRawFrameSource frames, Func<long> count, string unit)
    {
        var stoppable = new StoppableFrames(frames, Stop);
        _cut = () => stoppable.Stopped;
        Progress.Begin(_verb, () => Input.Fraction, count, unit);
        return stoppable;
    }

    /// <summary>Ends the display (before the summary goes to stdout); the stop stays armed until disposal.</summary>
    public void EndProgress()
    {
        _shareAtStop = Input.Fraction ?? double.NaN;
        Progress.Dispose();
    }

    /// <summary>Marks <paramref name="o"/> partial when stopped: <c>partial</c>, <c>stoppedBy</c> and <c>inputShare</c> (0 to 1, when known).</summary>
    public void Describe(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!Stopped) return;
        o["partial"] = true;
        o["stoppedBy"] = Stop.Name;
        if (double.IsFinite(_shareAtStop)) o["inputShare"] = Math.Round(_shareAtStop, 4);
    }

    /// <summary>The text summary's first line when stopped, else null.</summary>
    public string? PartialLine(long events, string unit = "events")
    {
        if (!Stopped) return null;
        string share = double.IsFinite(_shareAtStop) ? string.Create(CultureInfo.InvariantCulture, $" at {100 * _shareAtStop:F1} % of the input") : "";
        return string.Create(CultureInfo.InvariantCulture, $"PARTIAL: stopped by {Stop.Name}{share}; the figures below cover the {events:N0} {unit} processed");
    }

    /// <summary>The share of the input read when the progress ended (NaN when unknown).</summary>
    public double ShareAtStop => _shareAtStop;

    /// <summary>The verb's exit code: <paramref name="normal"/>, or the stop's code when the stop cut the run short.</summary>
    public int ExitCode(int normal) => Stopped ? Stop.ExitCode : normal;

    /// <inheritdoc />
    public void Dispose()
    {
        Progress.Dispose();
        if (_ownsStop) Stop.Dispose();
        InputProgress.Current = _previous;
    }
}
