using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;

namespace HftScalper.Benchmarks.OrderBook;

/// <summary>
/// The book side of a depth message as the stages run it, on the simulator's depth stream (one 100 ms diff per
/// message: 17-256 levels spread over a book of 2,000-9,000 levels per side): one <see cref="BookSynchronizer.OnEvent"/>
/// per level, i.e. one native call per level (the baseline: the stages before issue #18's whole-message path), against
/// one <see cref="BookSynchronizer.TryApplyDepthMessage"/> per message (one native call with every level, read from
/// the events where they lie). Each invocation replays the same stream from a reconnect: the messages before the
/// snapshot are buffered, the snapshot loads, the buffer replays, then every message chains; time per depth message.
/// </summary>
[MemoryDiagnoser]
public class DepthMessageApplyBenchmarks
{
    private MarketEvent[] _events = [];
    private (int Start, int Length)[] _runs = [];
    private int _messages;
    private BookSynchronizer _perLevel = null!;
    private BookSynchronizer _perMessage = null!;

    /// <summary>Parses 2 simulated minutes, keeps the book events, and checks both paths build the same book.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var registry = new SymbolRegistry();
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2), Seed = 1 };
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
        var feed = source.Feed(registry, "binance-spot");
        var events = new List<MarketEvent> { new() { Kind = MarketEventKind.Status, SymbolId = -1, UpdateId = (long)FeedStatus.Reconnected } };
        var runs = new List<(int, int)> { (0, 1) };
        while (feed.TryReadMessage(out var message))
        {
            foreach (ref readonly var e in message)
            {
                if (e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel)) continue;
                if (e.Kind == MarketEventKind.BookDelta && runs[^1] is var (s, n) && n > 0 && !events[^1].IsLastInMessage
                    && events[^1].Kind == MarketEventKind.BookDelta)
                    runs[^1] = (s, n + 1); // a level continuing the open depth message
                else
                    runs.Add((events.Count, 1));
                events.Add(e);
            }
        }
        _events = [.. events];
        _runs = [.. runs];
        _messages = _runs.Count(r => r.Item2 > 1 && _events[r.Item1].Kind == MarketEventKind.BookDelta);
        _perLevel = new BookSynchronizer(new BookSyncOptions());
        _perMessage = new BookSynchronizer(new BookSyncOptions());
        PerLevel();
        PerMessage();
        var a = new BookLevel[20_000];
        var b = new BookLevel[20_000];
        foreach (var side in new[] { Side.Bid, Side.Ask })
        {
            int na = _perLevel.GetBook(0)!.CopyLevels(side, a), nb = _perMessage.GetBook(0)!.CopyLevels(side, b);
            if (na != nb || !a.AsSpan(0, na).ToArray().SequenceEqual(b.AsSpan(0, nb).ToArray()))
                throw new InvalidOperationException($"{side} ladders differ: {na} vs {nb} levels");
        }
        if (_perLevel.Counters.Applied != _perMessage.Counters.Applied || _perLevel.Counters.Applied < 1_000)
            throw new InvalidOperationException($"applied {_perLevel.Counters.Applied} vs {_perMessage.Counters.Applied}");
        Console.WriteLine($"// {_events.Length} book events, {_messages} multi-level depth messages, {_perLevel.GetBook(0)!.LevelCount(Side.Bid)} bid levels at the end");
    }

    /// <summary>Releases the native books.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _perLevel.Dispose();
        _perMessage.Dispose();
    }

    /// <summary>One synchronizer call, one native call, per level.</summary>
    [Benchmark(Baseline = true)]
    public long PerLevel()
    {
        foreach (ref readonly var e in _events.AsSpan()) _perLevel.OnEvent(in e);
        return _perLevel.Counters.Applied;
    }

    /// <summary>One native call per depth message (event by event where it does not chain onto a synced book).</summary>
    [Benchmark]
    public long PerMessage()
    {
        var events = _events.AsSpan();
        foreach (var (start, length) in _runs)
        {
            var run = events.Slice(start, length);
            if (length > 1 && _perMessage.TryApplyDepthMessage(run, out _, out _)) continue;
            foreach (ref readonly var e in run) _perMessage.OnEvent(in e);
        }
        return _perMessage.Counters.Applied;
    }
}
