using System.IO.Compression;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>A recording converted to an event journal replays through the driver (ring -> sync + books) to the
/// identical event sequence: same count, same digest, same sync outcome.</summary>
public sealed class EventJournalRoundTripTests
{
    private static ReplayResult Replay(ReplaySource source, SymbolRegistry registry)
    {
        using (source) return new ReplayDriver(registry, new ReplayDriverOptions { RingSize = 1024, Log = _ => { } }).Run(source);
    }

    private static ReplayResult ReplayPath(string path)
    {
        var registry = new SymbolRegistry();
        return Replay(ReplaySourceFactory.Open(registry, [path], _ => { }), registry);
    }

    private static (long Events, long Frames) Convert(ReplaySource source, SymbolRegistry registry, string outDir, int blockEvents = 1000)
    {
        using (source)
        {
            var (events, frames, _) = EventJournalConverter.Convert(source,
                new JournalWriterOptions { Directory = outDir, Symbols = registry, Log = _ => { } }, blockEvents: blockEvents);
            return (events, frames);
        }
    }

    [Fact]
    public void Raw_line_recording_and_its_event_journal_replay_to_the_same_digest()
    {
        using var dir = new TempDir();
        string rec = dir.File("rec.gz");
        using (var gz = new StreamWriter(new GZipStream(File.Create(rec), CompressionLevel.Fastest)))
        {
            for (int i = 0; i < 50; i++)
            {
                gz.Write($"{1723161255000000001L + i} {{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":1723161256271,\"s\":\"BTCUSDT\",\"t\":{i},\"p\":\"61000.{i:D2}\",\"q\":\"0.5\",\"T\":1723161256270,\"m\":true}}}}\n");
                gz.Write($"{1723161255000000002L + i} {{\"stream\":\"ethusdt@bookTicker\",\"data\":{{\"u\":{i + 7},\"s\":\"ETHUSDT\",\"b\":\"2600.00\",\"B\":\"1.0\",\"a\":\"2600.10\",\"A\":\"2.0\"}}}}\n");
            }
        }
        var registry = new SymbolRegistry();
        var (events, frames) = Convert(ReplaySourceFactory.Open(registry, [rec], _ => { }), registry, dir.File("events"), blockEvents: 7);

        var fromText = ReplayPath(rec);
        var fromEvents = ReplayPath(dir.File("events"));

        Assert.Equal(100, frames);
        Assert.Equal(fromText.Events, events);
        Assert.Equal(fromText.Events, fromEvents.Events);
        Assert.Equal(fromText.DigestHex, fromEvents.DigestHex);
        Assert.Equal(0, fromEvents.Frames);
    }

    [Fact]
    public void Simulator_stream_and_its_event_journal_replay_to_the_same_digest_and_sync()
    {
        using var dir = new TempDir();
        var options = SimulatorOptions.For("btcusdt,ethusdt", TimeSpan.FromSeconds(20), seed: 7);
        var registry = new SymbolRegistry();
        Convert(new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry)), registry, dir.Path);

        var liveRegistry = new SymbolRegistry();
        var fromSimulator = Replay(new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, liveRegistry)), liveRegistry);
        var fromEvents = ReplayPath(dir.Path);

        Assert.True(fromSimulator.Events > 10_000, $"events={fromSimulator.Events}");
        Assert.Equal(fromSimulator.Events, fromEvents.Events);
        Assert.Equal(fromSimulator.DigestHex, fromEvents.DigestHex);
        Assert.Equal(fromSimulator.Sync.Applied, fromEvents.Sync.Applied);
        Assert.Equal(0, fromEvents.Sync.Gaps);
    }

    [RequiresDataFact]
    public void Real_spot_recording_and_its_event_journal_replay_to_the_same_digest_with_no_gap()
    {
        using var dir = new TempDir();
        var registry = new SymbolRegistry();
        Convert(ReplaySourceFactory.Open(registry, TestData.BinanceSpotBtcusdt, _ => { }), registry, dir.Path, EventJournalFormat.DefaultBlockEvents);

        var registryText = new SymbolRegistry();
        var fromJson = Replay(ReplaySourceFactory.Open(registryText, TestData.BinanceSpotBtcusdt, _ => { }), registryText);
        var fromEvents = ReplayPath(dir.Path);

        Assert.Equal(fromJson.Events, fromEvents.Events);
        Assert.Equal(fromJson.DigestHex, fromEvents.DigestHex);
        Assert.Equal(fromJson.Sync.Applied, fromEvents.Sync.Applied);
        Assert.Equal(0, fromEvents.Sync.Gaps);
        Assert.Equal(0, fromEvents.Sync.Crossed);
    }
}
