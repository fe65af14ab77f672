using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Tests.Shared;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Replay;

public sealed class ReplayDriverTests
{
    private static ReplayResult Replay(params string[] paths)
    {
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, paths);
        return new ReplayDriver(registry, new ReplayDriverOptions { RingSize = 1024, Log = _ => { } }).Run(source);
    }

    [Fact]
    public void Event_files_pass_through_the_ring_with_the_same_digest_every_run()
    {
        using var dir = new TempDir();
        WriteZip(dir.File("20131007_quote.zip"), "20131007_ibm_Quote_Tick.csv",
            string.Concat(Enumerable.Range(0, 3000).Select(i => $"{14400000 + i},{1800000 + i % 7},100,0,0,P,1,0\n{14400000 + i},0,0,{1810000 + i % 5},200,P,1,0\n")));

        var first = Replay(dir.File("20131007_quote.zip"));
        var second = Replay(dir.File("20131007_quote.zip"));

        Assert.True(first.Drained);
        Assert.True(first.Events > 3000, $"events={first.Events}"); // more than the ring: it wrapped
        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Digest, second.Digest);
    }

    [RequiresDataFact]
    public void Spot_recording_and_its_journal_replay_to_the_same_digest_with_no_gap()
    {
        using var dir = new TempDir();
        using (var src = ReplaySourceFactory.Open(new SymbolRegistry(), TestData.BinanceSpotBtcusdt))
            JournalConverter.Convert(src.Frames!, new JournalWriterOptions { Directory = dir.Path, Log = _ => { } });

        var fromJson = Replay(TestData.BinanceSpotBtcusdt);
        var fromJournal = Replay(dir.Path);

        Assert.Equal(99_574, fromJson.Frames);
        Assert.Equal(fromJson.Events, fromJournal.Events);
        Assert.Equal(fromJson.Digest, fromJournal.Digest);
        Assert.Equal(0, fromJson.Sync.Gaps);
        Assert.Equal(0, fromJson.Sync.Crossed);
        Assert.Equal(0, fromJson.Parse!.Rejected);
    }
}
