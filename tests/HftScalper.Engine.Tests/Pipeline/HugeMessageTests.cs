using System.Text;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Tests.Features;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>#13: a crafted depth message with more levels than the ring holds must not stall the inline replay.</summary>
public sealed class HugeMessageTests
{
    private const int Levels = 20_000; // the parser's MaxLevelsPerMessage; the default ring holds 16,384 events

    [Fact]
    public async Task A_depth_message_larger_than_the_ring_is_replayed_not_deadlocked()
    {
        var frames = WithHugeMessage();
        const int levels = Levels;

        var registry = new SymbolRegistry();
        var options = new PipelineOptions { WarmupEvents = 1_000 };
        Assert.True(levels > options.RingSize);
        var run = Task.Run(() => PipelineFixture.Run(new ReplaySource(ReplayFormat.RawLines, new FrameListSource(frames, 0, frames.Count)),
            registry, new SingleModelSource(null), options));

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == run, "the replay stalled on a message larger than the ring");
        var result = await run;
        Assert.True(result.Drained);
        Assert.Equal(0, result.Parse!.Rejected + result.Parse.Duplicates);
        Assert.True(result.Events >= levels, $"{result.Events} events");
    }

    [Fact]
    public async Task A_message_larger_than_the_ring_and_the_feed_buffer_flows_from_an_event_journal()
    {
        var frames = WithHugeMessage();
        string dir = Path.Combine(Path.GetTempPath(), $"hft-huge-{Guid.NewGuid():N}");
        try
        {
            var written = new SymbolRegistry();
            using (var source = new FrameListSource(frames, 0, frames.Count))
                EventJournalConverter.Convert(new BinanceEventFeed(source, written, "binance-spot"),
                    new JournalWriterOptions { Directory = dir, Symbols = written, Log = _ => { } });
            var expected = PipelineFixture.Run(new ReplaySource(ReplayFormat.RawLines, new FrameListSource(frames, 0, frames.Count)),
                new SymbolRegistry(), new SingleModelSource(null), new PipelineOptions { WarmupEvents = 1_000 });

            var registry = new SymbolRegistry();
            var options = new PipelineOptions { WarmupEvents = 1_000 };
            var run = Task.Run(() => PipelineFixture.Run(ReplaySourceFactory.Open(registry, [dir], _ => { }), registry, new SingleModelSource(null), options));

            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(finished == run, "the replay stalled on a message larger than the ring");
            var result = await run;
            Assert.True(result.Drained);
            Assert.Equal((expected.Events, expected.Decisions, expected.Digest), (result.Events, result.Decisions, result.Digest));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    // A short simulated market, then one crafted depth message of Levels bids.
    private static List<RawFrame> WithHugeMessage()
    {
        var frames = FrameListSource.ReadAll(PipelineFixture.Simulator(new SymbolRegistry(), minutes: 0.2).Frames!);
        var json = new StringBuilder("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":9000000000000000,"u":9000000000000000,"b":[""");
        for (int i = 0; i < Levels; i++) json.Append(i == 0 ? "" : ",").Append("[\"").Append(1000 + i).Append(".00\",\"1.00\"]");
        json.Append("""],"a":[]}}""");
        frames.Add(new RawFrame(frames[^1].LocalTimeNs + 1, FrameOrigin.WebSocket, -1, 0, Encoding.ASCII.GetBytes(json.ToString())));
        return frames;
    }
}
