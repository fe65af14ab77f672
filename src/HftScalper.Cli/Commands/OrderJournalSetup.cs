using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Orders;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>The order journal of <c>hft run --journal DIR</c> and <c>hft replay --orders-journal DIR</c>: one way to
/// open it and to report it in the summary.</summary>
internal static class OrderJournalSetup
{
    /// <summary>Opens an order journal in <paramref name="dir"/> (null: none) whose headers list <paramref name="registry"/>.</summary>
    public static OrderJournalWriter? Open(string? dir, SymbolRegistry registry, string venue, bool fsync, ILogger log)
    {
        if (dir is null) return null;
        if (File.Exists(dir)) throw new ArgumentException($"the order journal is a folder of segments, and '{dir}' is a file");
        return new OrderJournalWriter(new JournalWriterOptions
        {
            Directory = dir, Venue = venue, Symbols = registry, FsyncOnFlush = fsync, Log = m => log.LogWarning("{Message}", m),
        });
    }

    /// <summary>The summary's <c>ordersJournal</c> object (call after disposing the writer).</summary>
    public static JsonObject Json(OrderJournalWriter w, string dir) => new()
    {
        ["path"] = dir,
        ["records"] = w.Written,
        ["dropped"] = w.Dropped,
        ["failed"] = w.Failed,
        ["segments"] = w.Stats.Segments,
    };
}
