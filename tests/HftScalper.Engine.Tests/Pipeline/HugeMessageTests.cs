using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Tests.Features;
using HftScalper.Recording.Replay;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>#13: a crafted depth message with more levels than the ring holds must not stall the inline replay.</summary>
public sealed class HugeMessageTests
{
    [Fact]
    public async Task A_depth_message_larger_than_the_ring_is_replayed_not_deadlocked()
    {
        var frames = FrameListSource.ReadAll(PipelineFixture.Simulator(new SymbolRegistry(), minutes: 0.2).Frames!);
        var json = new StringBuilder("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":9000000000000000,"u":9000000000000000,"b":[""");
        const int levels = 20_000; // the parser's MaxLevelsPerMessage; the default ring holds 16,384 events
        for (int i = 0; i < levels; i++) json.Append(i == 0 ? "" : ",").Append("[\"").Append(1000 + i).Append(".00\",\"1.00\"]");
        json.Append("""],"a":[]}}""");
        frames.Add(new RawFrame(frames[^1].LocalTimeNs + 1, FrameOrigin.WebSocket, -1, 0, Encoding.ASCII.GetBytes(json.ToString())));

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
}
