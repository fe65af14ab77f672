using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>A text recording's skipped lines are counted in bytes too (bytesSkipped), so every byte of the input is
/// either in a returned frame, a blank line, or counted as skipped.</summary>
public sealed class TextSkippedBytesTests
{
    [Fact]
    public void Malformed_and_too_long_lines_count_their_bytes_newline_included()
    {
        const string Good = "1723161255000000000 {\"stream\":\"btcusdt@trade\",\"data\":{}}\n";
        const string Bad = "not a frame\n";
        string tooLong = "1723161255000000001 {" + new string('x', 300) + "}\n";
        const string Tail = "garbage without newline";
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "rec.txt");
        File.WriteAllText(path, Good + Bad + "\n" + tooLong + Good + Tail);

        var options = new TextSourceOptions(new SymbolRegistry()) { AutoRegisterVenue = "binance-spot", MaxLineBytes = 256 };
        using var source = (HftBacktestTextSource)TextRecording.Open([path], options);
        while (source.TryRead(out _)) { }

        long expected = Encoding.UTF8.GetByteCount(Bad) + Encoding.UTF8.GetByteCount(tooLong) + Encoding.UTF8.GetByteCount(Tail);
        Assert.Equal((2L, 1L, expected), (source.Counters.Malformed, source.Counters.TooLong, source.Counters.SkippedBytes));
        Assert.Equal(expected, InputDamage.Of(source).BytesSkipped);
    }
}
