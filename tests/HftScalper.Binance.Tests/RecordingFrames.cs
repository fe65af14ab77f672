using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests;

/// <summary>The real spot recording loaded into memory once (payload copies), for tests that replay it repeatedly.</summary>
internal static class RecordingFrames
{
    private static readonly Lazy<RawFrame[]> Spot = new(() => Load(TestData.BinanceSpotBtcusdt));

    public static RawFrame[] SpotBtcusdt => Spot.Value;

    public static RawFrame[] Load(IReadOnlyList<string> paths)
    {
        var registry = new SymbolRegistry();
        using var source = TextRecording.Open(paths, new TextSourceOptions(registry) { SnapshotSymbol = null });
        var frames = new List<RawFrame>();
        while (source.TryRead(out var f))
        {
            // Snapshot lines resolve their symbol through the reader's registry; tests re-resolve with -1 + stream name.
            frames.Add(new RawFrame(f.LocalTimeNs, f.Origin, -1, f.StreamId, f.Payload.ToArray()));
        }
        return [.. frames];
    }
}
