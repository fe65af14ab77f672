using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Tests.Features;
using HftScalper.Recording.Replay;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>#13: a recording whose trade and bookTicker lines are duplicated trades exactly like the clean one.</summary>
public sealed class DuplicatedLinesTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public DuplicatedLinesTests(PipelineFixture fx) => _fx = fx;

    [Fact]
    public void Duplicated_trade_and_ticker_lines_give_the_clean_digest_and_pnl_and_are_counted()
    {
        var clean = FrameListSource.ReadAll(PipelineFixture.Simulator(new SymbolRegistry(), minutes: 1).Frames!);
        var doubled = new List<RawFrame>(clean.Count * 2);
        int duplicates = 0;
        for (int i = 0; i < clean.Count; i++)
        {
            doubled.Add(clean[i]);
            var text = Encoding.ASCII.GetString(clean[i].Payload.Span[..Math.Min(64, clean[i].Payload.Length)]);
            bool tradeOrTicker = text.Contains("@trade", StringComparison.Ordinal) || text.Contains("@bookTicker", StringComparison.Ordinal);
            if (tradeOrTicker && i % 3 == 0)
            {
                doubled.Add(clean[i]); // the same line twice in a row
                duplicates++;
            }
        }
        Assert.True(duplicates > 1000, $"only {duplicates} duplicated lines");

        var a = Run(clean);
        var b = Run(doubled);

        Assert.True(a.Decisions > 100, $"only {a.Decisions} decisions");
        Assert.Equal(0, a.Parse!.Duplicates);
        Assert.Equal(duplicates, b.Parse!.Duplicates);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.Decisions, b.Decisions);
        Assert.Equal(a.Orders, b.Orders);
        Assert.Equal(a.Trading.FinalEquity, b.Trading.FinalEquity);
        Assert.Equal(a.Digest, b.Digest);
    }

    private PipelineResult Run(List<RawFrame> frames)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        var source = new ReplaySource(ReplayFormat.RawLines, new FrameListSource(frames, 0, frames.Count));
        return PipelineFixture.Run(source, registry, new SingleModelSource(session), new PipelineOptions { WarmupEvents = 1_000 });
    }
}
