using System.IO.Compression;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Recording.Events;

namespace HftScalper.Recording.Tests.Events;

internal static class EventTestHelpers
{
    public static List<MarketEvent> ReadAll(IMarketEventSource source)
    {
        var list = new List<MarketEvent>();
        while (source.TryRead(out var e)) list.Add(e);
        return list;
    }

    public static void WriteZip(string path, string entryName, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var w = new StreamWriter(zip.CreateEntry(entryName).Open());
        w.Write(content);
    }

    public const long Ms = 1_000_000;
}
