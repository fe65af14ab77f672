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

    /// <summary>
    /// Ends a <c>train</c> run's output, the same for every family: the <c>segments</c> and <c>decisionsAfterUntil</c> keys and the input-damage report go
    /// into <paramref name="o"/> (after the caller's keys), <paramref name="exit"/> is the code the run ends with. With
    /// <paramref name="json"/> the object is written and true returned (the caller returns); otherwise the segment lines
    /// are printed and the caller prints its own text.
    /// </summary>
    public static bool EndTrainOutput(JsonObject o, ReplayDataset data, bool strict, bool json, out int exit)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(data);
        o["segments"] = Segments(data);
        o["decisionsAfterUntil"] = data.DecisionsAfterUntil; // --until: the held-out rest of the input, left unread
        InputDamageReport.Report("train", data.InputDamage, o);
        exit = InputDamageReport.ExitCode(0, data.InputDamage, strict);
        if (json)
        {
            JsonOut.Write(o);
            return true;
        }
        foreach (var line in SegmentLines(data)) Console.WriteLine(line);
        return false;
    }

    /// <summary>One line per segment for the text output.</summary>
    public static IEnumerable<string> SegmentLines(ReplayDataset data) =>
        data.Segments.Count < 2 ? [] : data.Segments.Select(s =>
            $"  segment {s.Symbol} [{s.Input?.MarketName ?? "events"}] {s.Builder.Samples.Rows} samples from {string.Join(", ", s.Input?.Files.Select(Path.GetFileName) ?? [])}");
}
