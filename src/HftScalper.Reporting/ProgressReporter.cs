using System.Diagnostics;
using System.Globalization;

namespace HftScalper.Reporting;

/// <summary>
/// A throttled progress line for long runs ("events, events/s, percent"), printed by a timer thread that reads the
/// pipeline's event counter through <c>readEvents</c> (e.g. <c>() =&gt; Volatile.Read(ref count)</c> or a ring
/// sequence): the hot path does nothing for it. Silent when the output is not a terminal (stderr redirected),
/// unless <see cref="ProgressReporterOptions.Force"/>. Wall-clock reads happen here, off the hot path.
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly Func<long> _readEvents;
    private readonly long _totalEvents;
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = new();
    private Timer? _timer;
    private long _lastEvents;
    private double _lastSeconds;
    private int _lastLength;
    private bool _printed;

    /// <summary>Creates a reporter; nothing is printed before <see cref="Start"/>.</summary>
    /// <param name="readEvents">Reads the number of events processed so far (called from the timer thread).</param>
    /// <param name="totalEvents">Events the run will process, for the percentage (0 or less: unknown).</param>
    /// <param name="options">Settings.</param>
    public ProgressReporter(Func<long> readEvents, long totalEvents = 0, ProgressReporterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(readEvents);
        options ??= new ProgressReporterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Interval, TimeSpan.FromMilliseconds(50));
        _readEvents = readEvents;
        _totalEvents = totalEvents;
        _output = options.Output ?? Console.Error;
        // Console.Error passed explicitly is still the terminal when stderr is not redirected.
        _terminal = options.IsTerminal
            ?? ((options.Output is null || ReferenceEquals(options.Output, Console.Error)) && !Console.IsErrorRedirected);
        _interval = options.Interval;
        Enabled = _terminal || options.Force;
    }

    /// <summary>Whether lines are printed at all (a terminal, or forced).</summary>
    public bool Enabled { get; }

    /// <summary>Starts the clock and, when enabled, the timer.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _clock.Restart();
            _lastEvents = _readEvents();
            _lastSeconds = 0;
            if (Enabled && _timer is null) _timer = new Timer(_ => Report(), null, _interval, _interval);
        }
    }

    /// <summary>Prints one progress line now (what the timer does each interval). Nothing when disabled.</summary>
    public void Report()
    {
        if (!Enabled) return;
        lock (_gate)
        {
            long events = _readEvents();
            double seconds = _clock.Elapsed.TotalSeconds;
            double dt = seconds - _lastSeconds;
            double rate = dt > 0 ? (events - _lastEvents) / dt : 0;
            _lastEvents = events;
            _lastSeconds = seconds;
            Write(FormatLine(events, _totalEvents, rate, seconds));
        }
    }

    /// <summary>Stops the timer and ends the line (a final report with the whole run's mean rate).</summary>
    public void Stop()
    {
        Timer? timer;
        lock (_gate)
        {
            timer = _timer;
            _timer = null;
        }

        // Waits for a callback in flight so no line comes after the final one.
        if (timer is not null)
        {
            using var done = new ManualResetEvent(false);
            if (timer.Dispose(done)) done.WaitOne();
        }

        if (!Enabled) return;
        lock (_gate)
        {
            if (!_printed) return;
            long events = _readEvents();
            double seconds = _clock.Elapsed.TotalSeconds;
            Write(FormatLine(events, _totalEvents, seconds > 0 ? events / seconds : 0, seconds));
            if (_terminal) _output.Write('\n');
            _output.Flush();
            _printed = false;
        }
    }

    /// <summary>The text of one progress line (invariant culture), e.g. "1,234,567 events  812,000 ev/s  41.2 %  3.1 s".</summary>
    public static string FormatLine(long events, long totalEvents, double eventsPerSecond, double elapsedSeconds)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{events:N0} events  {eventsPerSecond:N0} ev/s");
        if (totalEvents > 0)
            line += string.Create(CultureInfo.InvariantCulture, $"  {100.0 * events / totalEvents:F1} %");
        return line + string.Create(CultureInfo.InvariantCulture, $"  {elapsedSeconds:F1} s");
    }

    private void Write(string line)
    {
        if (_terminal)
        {
            // Rewrites the same terminal line; pads over a longer previous one.
            _output.Write('\r');
            _output.Write(line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
        else
        {
            _output.Write(line);
            _output.Write('\n');
        }

        _output.Flush();
        _printed = true;
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();
}
