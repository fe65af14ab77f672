using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// The progress of a long verb on stderr (stdout stays the verb's result, so <c>--json</c> is untouched): a verb goes
/// through stages (<see cref="Begin"/>), each with a share done (input read, simulated time generated, fold k of n)
/// and optionally a count (events, frames). On a terminal each stage is a Spectre.Console bar with percent, elapsed
/// time and ETA; otherwise a heartbeat line every <see cref="ProgressSettings.Interval"/>
/// (<c>replay: 41.2 %  1,234,567 events  812,345 ev/s  ETA 0:12  elapsed 0:09</c>). The figures are sampled from the
/// display's own thread; the work itself only stores counters it keeps anyway.
/// </summary>
internal sealed class CliProgress : IDisposable
{
    private readonly string _verb;
    private readonly ProgressSettings _settings;
    private readonly TextWriter _err;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Timer? _timer;
    private readonly Task? _bars;
    private Stage? _stage;
    private volatile bool _done;

    private CliProgress(string verb, ProgressSettings settings, TextWriter err)
    {
        _verb = verb;
        _settings = settings;
        _err = err;
        if (settings.Mode == ProgressMode.Lines) _timer = new Timer(_ => Heartbeat(), null, settings.Interval, settings.Interval);
        else if (settings.Mode == ProgressMode.Bars) _bars = Task.Run(RunBarsAsync);
    }

    /// <summary>Starts the display of <paramref name="verb"/> on the current <see cref="Console.Error"/>.</summary>
    public static CliProgress Start(string verb, ProgressSettings settings) => new(verb, settings, Console.Error);

    /// <summary>The heartbeat text of a stage, e.g. <c>replay: 41.2 %  1,234 events  812 ev/s  ETA 0:12  elapsed 0:09</c>.</summary>
    public static string FormatLine(string title, double? fraction, long? count, string unit, double perSecond, TimeSpan elapsed)
    {
        var line = title;
        if (fraction is { } f) line += string.Create(CultureInfo.InvariantCulture, $": {100 * f:F1} %");
        if (count is { } n) line += string.Create(CultureInfo.InvariantCulture, $"  {n:N0} {unit}  {perSecond:N0} {UnitRate(unit)}");
        if (fraction is { } g && g > 0.001 && g < 1)
            line += "  ETA " + Clock(TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - g) / g));
        return line + "  elapsed " + Clock(elapsed);
    }

    /// <summary>
    /// Starts a stage: <paramref name="fraction"/> reads its share done (0 to 1; null: unknown), <paramref name="count"/>
    /// what it counts (<paramref name="unit"/>: events, frames), <paramref name="detail"/> a changing label (candidate 2/4).
    /// The previous stage ends complete.
    /// </summary>
    public void Begin(string name, Func<double?> fraction, Func<long>? count = null, string unit = "", Func<string>? detail = null)
    {
        Stage previous;
        lock (_gate)
        {
            previous = _stage!;
            _stage = new Stage(name, fraction, count, unit, detail);
        }
        // Lines: a new stage after the first is news (train: dataset built, search started); the first waits for the beat.
        if (_settings.Mode == ProgressMode.Lines && previous is not null) Heartbeat();
    }

    /// <summary>A message line on stderr (on a terminal, printed above the bars).</summary>
    public void Line(string text)
    {
        if (_bars is not null && !_done)
        {
            _lines.Enqueue(text);
            return;
        }
        lock (_gate)
        {
            _err.WriteLine(text);
            _err.Flush();
        }
    }

    /// <summary>Stops the display (the current stage keeps the share it reached: a stopped run shows where it stopped).</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        if (_timer is not null)
        {
            using var stopped = new ManualResetEvent(false);
            if (_timer.Dispose(stopped)) stopped.WaitOne();
        }
        _bars?.Wait(TimeSpan.FromSeconds(5));
        while (_lines.TryDequeue(out var l)) _err.WriteLine(l);
        _err.Flush();
    }

    private void Heartbeat()
    {
        lock (_gate)
        {
            if (_stage is not { } s) return;
            var (fraction, count, rate) = s.Sample();
            string title = s.Name == _verb ? _verb : $"{_verb}: {s.Title()}";
            _err.WriteLine(FormatLine(title, fraction, count, s.Unit, rate, s.Clock.Elapsed));
            _err.Flush();
        }
    }

    private async Task RunBarsAsync()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_err), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect, Interactive = InteractionSupport.Yes,
        });
        await console.Progress()
            .AutoClear(false).HideCompleted(false).AutoRefresh(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask? task = null;
                Stage? shown = null;
                while (true)
                {
                    while (_lines.TryDequeue(out var l)) console.WriteLine(l);
                    Stage? s;
                    lock (_gate) s = _stage;
                    if (!ReferenceEquals(s, shown))
                    {
                        if (task is not null)
                        {
                            task.Value = task.MaxValue; // a stage that gave way to the next one is complete
                            task.StopTask();
                        }
                        task = s is null ? null : ctx.AddTask(Markup.Escape(s.Name), maxValue: 100);
                        shown = s;
                    }
                    if (task is not null && s is not null) Show(task, s);
                    if (_done)
                    {
                        task?.StopTask();
                        ctx.Refresh();
                        return;
                    }
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    private void Show(ProgressTask task, Stage s)
    {
        var (fraction, count, rate) = s.Sample();
        task.IsIndeterminate = fraction is null;
        if (fraction is { } f) task.Value = 100 * f;
        string text = s.Name == _verb ? s.Title() : $"{_verb}: {s.Title()}";
        if (count is { } n) text += string.Create(CultureInfo.InvariantCulture, $"  {n:N0} {s.Unit}  {rate:N0} {UnitRate(s.Unit)}");
        task.Description = Markup.Escape(text);
    }

    private static string UnitRate(string unit) => unit switch { "events" => "ev/s", "" => "/s", _ => unit + "/s" };

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");

    // One stage; Sample() is called under the display's lock or from its one thread.
    private sealed class Stage(string name, Func<double?> fraction, Func<long>? count, string unit, Func<string>? detail)
    {
        private long _lastCount;
        private double _lastSeconds;

        public string Name { get; } = name;
        public string Unit { get; } = unit;
        public Func<string>? Detail { get; } = detail;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public string Title() => Detail is { } d ? $"{Name} {d()}" : Name;

        public (double? Fraction, long? Count, double Rate) Sample()
        {
            double? f = fraction();
            if (count is null) return (f, null, 0);
            long n = count();
            double now = Clock.Elapsed.TotalSeconds, dt = now - _lastSeconds;
            double rate = dt > 0 ? (n - _lastCount) / dt : 0;
            (_lastCount, _lastSeconds) = (n, now);
            return (f, n, rate);
        }
    }
}
