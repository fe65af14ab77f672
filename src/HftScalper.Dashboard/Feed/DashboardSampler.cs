using System.Buffers;
using System.Text.Json;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Trading.Risk;

namespace HftScalper.Dashboard.Feed;

/// <summary>
/// Samples a run for the dashboard every <see cref="Interval"/>, on its own thread: the pipeline's counters
/// (<see cref="TradingPipeline.Snapshot"/>) and what the <see cref="DashboardTap"/> copied off the strategy thread,
/// rendered once into a JSON frame that every page connection sends as it is (a slow page skips frames, it never
/// holds a sample back). <see cref="Snapshot"/> is the counters of the current frame, which <c>/metrics</c> exposes
/// too, so a page and a scrape that name the same <see cref="Sequence"/> show the same figures. Keeps the last
/// <see cref="HistoryCapacity"/> chart points for a page that opens late. Never touches the hot path.
/// </summary>
public sealed class DashboardSampler : IDisposable
{
    /// <summary>Time between samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Chart points kept for a page that connects late.</summary>
    public const int HistoryCapacity = 1200;

    private static readonly string[] StageNames = ["tickToDecision", "features", "inference", "strategy"];
    private readonly TradingPipeline _pipeline;
    private readonly DashboardTap _tap;
    private readonly SymbolRegistry _symbols;
    private readonly Func<string> _modelName;
    private readonly Func<string>? _metrics;
    private readonly Queue<ChartPoint> _history = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastDecisions = -1;
    private string? _summary;
    private byte[] _frame = "{}"u8.ToArray();

    /// <summary>Starts sampling <paramref name="pipeline"/> and <paramref name="tap"/> (symbols named by
    /// <paramref name="symbols"/>; <paramref name="modelName"/> says which model serves; <paramref name="metrics"/>, the
    /// <c>/metrics</c> text, feeds the page's model monitor: live / shadow, drift).</summary>
    public DashboardSampler(TradingPipeline pipeline, DashboardTap tap, SymbolRegistry symbols, Func<string> modelName, Func<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(tap);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(modelName);
        (_pipeline, _tap, _symbols, _modelName, _metrics) = (pipeline, tap, symbols, modelName, metrics);
        Sample();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The tap sampled.</summary>
    public DashboardTap Tap => _tap;

    /// <summary>Held while a sample is published; hold it to read <see cref="Snapshot"/> and <see cref="Sequence"/> together.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Number of the current frame (1 for the first).</summary>
    public long Sequence { get; private set; }

    /// <summary>The pipeline's counters of the current frame (null before the run starts).</summary>
    public PipelineSnapshot? Snapshot { get; private set; }

    /// <summary>The current frame, UTF-8 JSON.</summary>
    public byte[] Frame { get { lock (Gate) return _frame; } }

    /// <summary>The current frame, its number, and a task that completes when the next one is published (read together).</summary>
    public (byte[] Frame, long Sequence, Task Next) Current()
    {
        lock (Gate) return (_frame, Sequence, _next.Task);
    }

    /// <summary>The run's final summary (the <c>--json</c> object), shown by the page from the next frame on.</summary>
    public void SetSummary(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (JsonDocument.Parse(json)) { } // must be JSON: it is embedded as is
        lock (Gate) _summary = json;
        Sample();
    }

    /// <summary>The current frame plus the chart history, for a page's first load.</summary>
    public byte[] State()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("frame");
            lock (Gate)
            {
                w.WriteRawValue(_frame, skipInputValidation: true);
                w.WriteStartArray("history");
                foreach (var p in _history) p.Write(w);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { } // cancelled
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false)) Sample();
        }
        catch (OperationCanceledException) { } // disposed
    }

    /// <summary>Takes one sample and publishes it as the current frame.</summary>
    internal void Sample()
    {
        var snapshot = _pipeline.Snapshot();
        string? metrics = _metrics?.Invoke(); // outside the gate: the metrics read the current frame's counters
        bool fresh = _tap.TryReadDecision(out var d);
        ChartPoint? point = null;
        if (fresh && d.Decisions != _lastDecisions && d.MidTicks > 0 && (uint)d.SymbolId < (uint)_symbols.Count)
        {
            var s = _symbols[d.SymbolId];
            point = new ChartPoint(d.ExchangeTimeNs / 1e9, d.MidTicks * s.PriceToDouble(1), s.PriceToDouble(d.BidTicks), s.PriceToDouble(d.AskTicks),
                d.Equity, d.PDown, d.PFlat, d.PUp);
            _lastDecisions = d.Decisions;
        }
        lock (Gate)
        {
            if (point is { } p)
            {
                _history.Enqueue(p);
                while (_history.Count > HistoryCapacity) _history.Dequeue();
            }
            Sequence++;
            Snapshot = snapshot;
            _frame = FrameWriter.Write(Sequence, snapshot, fresh ? d : null, point, _tap, _symbols, _modelName(), _summary, StageNames, metrics);
            var done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.TrySetResult();
        }
    }

    internal static string VerdictName(int verdict) => ((RiskVerdict)verdict).ToString();
}
