using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Tests.Integrity;

/// <summary>
/// Frames the parser rejected are counted in <c>inputDamage.rejectedFrames</c> and, when the reader found no damage
/// before, the first problem says why, by parse result: the warning line had named no reason, so a recording of
/// negative prices (a simulator's <c>"0.-58000000"</c>) read like a cut line.
/// </summary>
public sealed class RejectedFramesReasonTests
{
    private static ParseCounters Parse(params string[] frames)
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        var parser = new BinanceParser(registry);
        var output = new MarketEventBuffer();
        foreach (var f in frames)
            parser.Parse(new RawFrame(1, FrameOrigin.WebSocket, -1, 0, Encoding.UTF8.GetBytes(f)), output);
        return parser.Counters;
    }

    [Fact]
    public void The_first_problem_names_each_reason_the_parser_rejected_frames_for()
    {
        var parse = Parse(
            """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"0.-58","q":"1","T":1,"m":true}}""",
            """{"stream":"btcusdt@trade","data":{"e":"tra""",
            """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":2,"p":"1.00","q":"1","T":1,"m":true}}""");
        var damage = new InputDamage();

        damage.AddRejectedFrames(parse);

        Assert.Equal(2, damage.RejectedFrames);
        Assert.Equal("the parser rejected 2 frame(s): InvalidJson=1 BadNumber=1", damage.FirstProblem);
    }

    [Fact]
    public void A_clean_parse_adds_no_damage_and_no_problem()
    {
        var damage = new InputDamage();
        damage.AddRejectedFrames(Parse("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":2,"p":"1.00","q":"1","T":1,"m":true}}"""));
        Assert.False(damage.Any);
        Assert.Null(damage.FirstProblem);
    }
}
