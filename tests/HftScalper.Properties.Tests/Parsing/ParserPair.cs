using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>
/// The production parser (single-pass scanner + reader fallback) beside the reader-only reference path, over one
/// registry holding <see cref="MessageGen.Symbols"/>. <see cref="Parse"/> runs both on a frame and checks the
/// invariants every input must keep: no exception, equal outcomes and equal events, nothing appended on a
/// rejection, every frame counted once under its outcome, and bounded allocation.
/// </summary>
internal sealed class ParserPair
{
    public ParserPair()
    {
        foreach (var (name, p, q) in MessageGen.Symbols) Registry.Register(name, "binance-spot", p, q);
        Parser = new BinanceParser(Registry, Options);
        Reference = new ReaderParser(Registry, Options);
    }

    /// <summary>
    /// Both paths parse each frame on its own: duplicate dropping (on by default, h4) is state across frames that the
    /// reference path does not keep, and the properties parse the same frame more than once (a duplicated line, the
    /// oracle's second pass). The quantity bound (<see cref="BinanceParserOptions.MaxQuantityLots"/>) stays at its
    /// default: the oracle knows it (<see cref="ParserOracle"/>).
    /// </summary>
    public static readonly BinanceParserOptions Options = new() { DropDuplicateIds = false };

    public SymbolRegistry Registry { get; } = new();
    public BinanceParser Parser { get; }
    public ReaderParser Reference { get; }
    public MarketEventBuffer Fast { get; } = new(8);
    public MarketEventBuffer Slow { get; } = new(8);

    /// <summary>Symbol id a spot snapshot of <paramref name="symbol"/> arrives with (-1 when unknown).</summary>
    public int SnapshotSymbolId(string symbol) => Registry.TryGet(symbol, out var s) ? s!.Id : -1;

    /// <summary>Parses with both paths and asserts the shared invariants; returns the outcome.</summary>
    public ParseResult Parse(in RawFrame frame)
    {
        Fast.Clear();
        Slow.Clear();
        long frames = Parser.Counters.Frames;
        var expected = Reference.Parse(in frame, Slow);
        var counts = Outcomes.Select(r => Parser.Counters[r]).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var actual = Parser.Parse(in frame, Fast);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        if (expected != actual || !Fast.Events.SequenceEqual(Slow.Events))
            Assert.Fail($"fast path {actual} ({Fast.Count} events) != reference {expected} ({Slow.Count} events) on {Show(frame)}");
        if (actual >= ParseResult.FirstRejection) Assert.Equal(0, Fast.Count);
        Assert.Equal(frames + 1, Parser.Counters.Frames);
        Assert.Equal(counts[Array.IndexOf(Outcomes, actual)] + 1, Parser.Counters[actual]);
        // The reader path throws and catches a JsonException on malformed input, and the output buffer may double
        // for a long message: both are bounded by the frame's size, never by anything the frame claims.
        Assert.True(allocated <= 64 * 1024 + (64L * frame.Payload.Length), $"{allocated} bytes allocated parsing {frame.Payload.Length} bytes");
        return actual;
    }

    private static readonly ParseResult[] Outcomes = Enum.GetValues<ParseResult>();

    public static string Show(in RawFrame frame) =>
        $"{frame.Origin} symbol {frame.SymbolId}: {Encoding.UTF8.GetString(frame.Payload.Span)}";

    /// <summary>The parsed events, projected for comparison with the oracle.</summary>
    public List<ExpectedEvent> Events()
    {
        var list = new List<ExpectedEvent>(Fast.Count);
        foreach (ref readonly var e in Fast.Events) list.Add(ExpectedEvent.Of(e));
        return list;
    }
}
