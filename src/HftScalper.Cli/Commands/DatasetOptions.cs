using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Commands;

/// <summary>
/// What <c>train</c> and <c>evaluate</c> share about their data: <c>--market</c> (the vocabulary's option; here without a
/// default, since each recording that states its market is read under it) and the <c>segments</c> JSON key: one
/// entry per followed symbol of each input, <c>{"files": [...], "market": "spot"|"usdm"|"coinm"|null, "marketStated",
/// "symbol", "samples", "decisions"}</c> (market null for event recordings, which carry no depth to sync).
/// </summary>
internal static class DatasetOptions
{
    /// <summary>The <c>--market</c> option of <c>train</c> and <c>evaluate</c>.</summary>
    public static Option<string?> Market() => new("--market")
    {
        Description = "spot (U/u chaining) | usdm | coinm (pu chaining), for recordings that do not state their market; " +
            "default: each recording's own (cryptofeed URL, journal header, futures 'pu' field), else spot",
    };

    /// <summary>The market named, or null when none was.</summary>
    public static ReplayMarket? MarketOf(string? name) => name is null ? null : ReplayMarket.Parse(name);

    /// <summary>The dataset's segments as JSON.</summary>
    public static JsonArray Segments(ReplayDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var a = new JsonArray();
        foreach (var s in data.Segments)
        {
            a.Add((JsonNode)new JsonObject
            {
                ["files"] = s.Input is null ? new JsonArray() : new JsonArray([.. s.Input.Files.Select(f => (JsonNode)Path.GetFullPath(f))]),
                ["market"] = s.Input is null ? ReplayMarket.Spot.Name : s.Input.MarketName,
                ["marketStated"] = s.Input?.MarketStated ?? false,
                ["symbol"] = s.Symbol,
                ["samples"] = s.Builder.Samples.Rows,
                ["decisions"] = s.Builder.Decisions.Count,
            });
        }
        return a;
    }

    /// <summary>One line per segment for the text output.</summary>
    public static IEnumerable<string> SegmentLines(ReplayDataset data) =>
        data.Segments.Count < 2 ? [] : data.Segments.Select(s =>
            $"  segment {s.Symbol} [{s.Input?.MarketName ?? "events"}] {s.Builder.Samples.Rows} samples from {string.Join(", ", s.Input?.Files.Select(Path.GetFileName) ?? [])}");
}
