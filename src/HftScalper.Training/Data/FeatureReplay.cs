using System.Diagnostics;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Features.Schema;
using HftScalper.Recording.Replay;

namespace HftScalper.Training.Data;

/// <summary>
/// Replays recordings through the live code and hands every decision row to a sink:
/// <code>
///  ReplaySource --frames--> BinanceParser --events--> BookFeatureProcessor (sync + native book + FeatureEngine) --> sink
///               (event formats skip the parser)
/// </code>
/// Runs on the caller's thread (no ring: dataset building needs no pipelining and stays deterministic). State
/// persists across <see cref="Run"/> calls, so consecutive pieces of one recording replayed one after another give
/// the same rows as the whole recording at once. Not thread-safe.
/// </summary>
public sealed class FeatureReplay : IDisposable
{
    private readonly FeatureReplayOptions _options;
    private readonly BookFeatureProcessor _processor;
    private readonly BinanceParser _parser;
    private readonly MarketEventBuffer _buffer = new(16_384);
    private readonly float[] _row;
    private readonly MarketEvent[] _chunk = new MarketEvent[256];
    private bool _anyFrames;

    /// <summary>Creates the replay; symbols are resolved (and auto-registered) through <paramref name="symbols"/>.</summary>
    public FeatureReplay(SymbolRegistry symbols, FeatureReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _processor = new BookFeatureProcessor(symbols, new BookSyncOptions { Rule = options.Rule }, options.Features);
        _parser = new BinanceParser(symbols, new BinanceParserOptions { AutoRegisterVenue = options.AutoRegisterVenue, MarkReplayed = true });
        _row = new float[_processor.Features.Width];
    }

    /// <summary>The schema of the rows.</summary>
    public FeatureSchema Schema => _processor.Features.Schema;

    /// <summary>The processor (books and feature engine) the replay drives.</summary>
    public BookFeatureProcessor Processor => _processor;

    /// <summary>Replays <paramref name="source"/> to its end, calling <paramref name="sink"/> per decision.</summary>
    public FeatureReplayResult Run(ReplaySource source, FeatureRowSink sink)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        long start = Stopwatch.GetTimestamp();
        long frames = 0, events = 0, decisions = 0;
        if (source.Frames is { } frameSource)
        {
            _anyFrames = true;
            while (frameSource.TryRead(out var frame))
            {
                frames++;
                _buffer.Clear();
                _parser.Parse(in frame, _buffer);
                var batch = _buffer.Events;
                for (int i = 0; i < batch.Length; i++)
                    if (Feed(in batch[i], sink)) decisions++;
                events += batch.Length;
            }
        }
        else
        {
            var eventSource = source.Events!;
            while (eventSource.TryRead(out _chunk[0]))
            {
                events++;
                if (Feed(in _chunk[0], sink)) decisions++;
            }
        }
        long elapsedNs = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        return new FeatureReplayResult(frames, events, decisions, elapsedNs, _anyFrames ? _parser.Counters : null,
            _processor.Sync.Counters, _processor.Features.NonFiniteReplaced);
    }

    /// <summary>Feeds one event directly (callers that already hold events, e.g. tests feeding in chunks).</summary>
    public bool Feed(in MarketEvent e, FeatureRowSink sink)
    {
        if (!_processor.OnEvent(in e, _row, out var info)) return false;
        sink(in info, _row);
        return true;
    }

    /// <summary>Releases the native books.</summary>
    public void Dispose() => _processor.Dispose();
}
