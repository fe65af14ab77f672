using HftScalper.Recording.Replay;

namespace HftScalper.Training.Data;

/// <summary>
/// One replay of a dataset: consecutive recordings of one market and one family (raw frames or parsed events), which
/// replay as one continuous recording (a day split over two files, cryptofeed's REST and WebSocket files).
/// </summary>
/// <param name="Files">The recordings, in the order given.</param>
/// <param name="Market">The market they replay under.</param>
/// <param name="MarketStated">Whether the recordings state their market (<see cref="ReplayMarket.Detect"/>): false
/// when it came from <c>--market</c> or the spot default alone. Event formats need no market (no depth to sync), except
/// an event journal, which states its recording's (its header's venue).</param>
/// <param name="Events">Whether the recordings are parsed events (Lean, CSV, LOBSTER, event journal) rather than frames.</param>
public sealed record DatasetInput(IReadOnlyList<string> Files, ReplayMarket Market, bool MarketStated, bool Events)
{
    /// <summary>
    /// Splits <paramref name="files"/> into inputs: each frame recording's market is the one it states, else
    /// <paramref name="market"/>, else spot; a change of market or family starts a new input. A recording that states
    /// a market other than an explicit <paramref name="market"/> is refused (replaying futures depth under the spot
    /// rule never syncs).
    /// </summary>
    /// <exception cref="ArgumentException">A recording contradicts <paramref name="market"/>.</exception>
    public static IReadOnlyList<DatasetInput> Group(IReadOnlyList<string> files, ReplayMarket? market)
    {
        ArgumentNullException.ThrowIfNull(files);
        var inputs = new List<DatasetInput>();
        foreach (var file in files)
        {
            var format = ReplayFormatDetector.Detect(file);
            bool events = format != ReplayFormat.Unknown && !ReplaySourceFactory.IsFrameFormat(format);
            // An event journal keeps its recording's market in its header: its depth diffs sync under that market's rule
            // and its symbols trade at its fees (read as spot, a USD-M journal counted gaps and traded nothing, exit 0).
            var stated = events && format != ReplayFormat.EventJournal ? null : ReplayMarket.Detect(file);
            if (market is not null && stated is not null && stated != market)
                throw new ArgumentException($"{file} is a {stated.Name} recording, but --market {market.Name} was given (leave --market out to read each recording's own market)");
            var m = stated ?? market ?? ReplayMarket.Spot;
            if (inputs.Count > 0 && inputs[^1] is var last && last.Events == events && last.Market == m)
            {
                inputs[^1] = last with { Files = [.. last.Files, file], MarketStated = last.MarketStated || stated is not null };
                continue;
            }
            inputs.Add(new DatasetInput([file], m, stated is not null, events));
        }
        return inputs;
    }

    /// <summary>The market name as reported (null for event recordings that state none: they carry no depth to sync).</summary>
    public string? MarketName => Events && !MarketStated ? null : Market.Name;
}
