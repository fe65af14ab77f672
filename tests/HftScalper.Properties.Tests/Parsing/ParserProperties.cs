using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Properties.Tests.Harness;
using CsCheck;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>
/// The Binance parser on generated input: valid messages round-trip to the generated values, extreme values are
/// accepted exactly when the format's rules say so, and damaged frames (bit flips, cuts, duplicated, deleted and
/// swapped slices, inserted tokens) never throw. On every input the single-pass scanner and the Utf8JsonReader
/// reference path agree (same outcome, same events), a rejection appends nothing and every frame is counted once.
/// </summary>
public sealed class ParserProperties
{
    [Fact]
    public void Valid_messages_round_trip_to_the_generated_values()
    {
        var pair = new ParserPair();
        Property.Check(MessageGen.Valid, m =>
        {
            var frame = m.ToFrame(pair.SnapshotSymbolId(m.Symbol));
            var verdict = ParserOracle.Predict(m, pair.Registry, out var expected);
            Assert.True(verdict, "the valid generator drew a message the oracle rejects");

            var result = pair.Parse(in frame);

            Assert.Equal(ParseResult.Events, result);
            Assert.Equal(expected, pair.Events());
        }, ciIterations: 5000);
    }

    [Fact]
    public void Extreme_values_are_accepted_exactly_when_the_format_allows_them()
    {
        var pair = new ParserPair();
        Property.Check(MessageGen.Extreme, m =>
        {
            var frame = m.ToFrame(pair.SnapshotSymbolId(m.Symbol));
            var verdict = ParserOracle.Predict(m, pair.Registry, out var expected);

            var result = pair.Parse(in frame);

            if (verdict == true)
            {
                Assert.Equal(ParseResult.Events, result);
                Assert.Equal(expected, pair.Events());
            }
            else if (verdict == false)
            {
                Assert.True(result >= ParseResult.FirstRejection, $"accepted ({result}) a message the format rejects");
            }
        }, ciIterations: 5000);
    }

    [Fact]
    public void Damaged_frames_never_throw_and_both_paths_agree()
    {
        var pair = new ParserPair();
        var gen = Gen.Select(Gen.Frequency((3, MessageGen.Valid), (1, MessageGen.Extreme)), Mutation.Many(4));
        Property.Check(gen, t =>
        {
            var (m, mutations) = t;
            var clean = m.ToFrame(pair.SnapshotSymbolId(m.Symbol));
            var frame = new RawFrame(clean.LocalTimeNs, clean.Origin, clean.SymbolId, 0, Mutation.ApplyAll(clean.Payload.Span, mutations));

            pair.Parse(in frame);
        }, ciIterations: 10000, print: t => $"{t.Item1} with [{string.Join(", ", t.Item2)}]");
    }

    [Fact]
    public void Random_bytes_never_throw_and_both_paths_agree()
    {
        var pair = new ParserPair();
        Property.Check(Gen.Byte.Array[0, 512], bytes =>
        {
            pair.Parse(new RawFrame(1, FrameOrigin.WebSocket, -1, 0, bytes));
        }, ciIterations: 5000);
    }

    [Fact]
    public void Identical_frames_give_identical_events()
    {
        var gen = Gen.Select(Gen.Frequency((3, MessageGen.Valid), (1, MessageGen.Extreme)), Mutation.Many(3));
        Property.Check(gen, t =>
        {
            var (m, mutations) = t;
            var clean = m.ToFrame(0);
            var bytes = Mutation.ApplyAll(clean.Payload.Span, mutations);
            var first = new ParserPair();
            var second = new ParserPair();

            var a = first.Parse(new RawFrame(clean.LocalTimeNs, clean.Origin, clean.SymbolId, 0, bytes));
            var b = second.Parse(new RawFrame(clean.LocalTimeNs, clean.Origin, clean.SymbolId, 0, (byte[])bytes.Clone()));

            Assert.Equal(a, b);
            Assert.True(first.Fast.Events.SequenceEqual(second.Fast.Events));
        }, ciIterations: 500);
    }
}
