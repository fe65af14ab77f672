using System.Text.Json.Nodes;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// <c>replay --json</c>'s <c>edge</c> object: why the run made (or did not make) entries, seen from risk's
/// expected-value gate (<see cref="EdgeStatistics"/>): the market and the fees and margin charged, how many entry
/// decisions were gated, how many cleared the margin and how many had a move above the cost; the expected move in the
/// trade's direction (mean, p50, p90, max, bps) and the cost it was compared with (mean, p50 and the mean of each term),
/// overall and per symbol.
/// </summary>
internal static class EdgeJson
{
    /// <summary>The object for <paramref name="edge"/> (a run without the gate's figures: decisions 0).</summary>
    public static JsonObject Of(EdgeFigures? edge, string market, FeeSchedule fees, double marginBps)
    {
        var e = edge ?? new EdgeFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, []);
        var bySymbol = new JsonArray();
        foreach (var s in e.BySymbol)
            bySymbol.Add((JsonNode)new JsonObject
            {
                ["symbol"] = s.Symbol, ["decisions"] = s.Decisions, ["cleared"] = s.Cleared, ["coversCost"] = s.CoversCost,
                ["moveMeanBps"] = R(s.MoveMeanBps), ["moveMaxBps"] = R(s.MoveMaxBps), ["costMeanBps"] = R(s.CostMeanBps),
            });
        return new JsonObject
        {
            ["market"] = market,
            ["makerFeeBps"] = fees.MakerPpm / 100.0,
            ["takerFeeBps"] = fees.TakerPpm / 100.0,
            ["marginBps"] = marginBps,
            ["decisions"] = e.Decisions,
            ["cleared"] = e.Cleared,
            ["coversCost"] = e.CoversCost,
            ["makerJudged"] = e.MakerJudged,
            ["expectedMoveBps"] = new JsonObject
            {
                ["mean"] = R(e.MoveMeanBps), ["p50"] = R(e.MoveP50Bps), ["p90"] = R(e.MoveP90Bps), ["max"] = R(e.MoveMaxBps),
            },
            ["costBps"] = new JsonObject
            {
                ["mean"] = R(e.CostMeanBps), ["p50"] = R(e.CostP50Bps), ["fees"] = R(e.FeesMeanBps), ["spread"] = R(e.SpreadMeanBps),
                ["halfSpread"] = R(e.HalfSpreadMeanBps),
                ["slippage"] = R(e.SlippageMeanBps), ["adverseSelection"] = R(e.AdverseSelectionMeanBps),
            },
            ["bySymbol"] = bySymbol,
            ["note"] = e.Decisions == 0 ? "no entry decision reached the expected-value gate (no expected move served, or refused before it)"
                : e.Cleared == 0 ? "no gated decision cleared: the expected move is below the cost (see costBps) plus marginBps"
                : $"{e.Cleared} of {e.Decisions} gated decisions cleared",
        };
    }

    /// <summary>One line for the text summary.</summary>
    public static string Text(EdgeFigures e) =>
        $"edge: {e.Cleared} of {e.Decisions} gated entry decisions cleared; expected move mean {e.MoveMeanBps:0.###} / p90 {e.MoveP90Bps:0.##} / "
        + $"max {e.MoveMaxBps:0.###} bps vs cost mean {e.CostMeanBps:0.###} bps (fees {e.FeesMeanBps:0.###}, spread {e.SpreadMeanBps:0.###}, "
        + $"slippage {e.SlippageMeanBps:0.###}, adverse selection {e.AdverseSelectionMeanBps:0.###})";

    private static double R(double v) => double.IsFinite(v) ? Math.Round(v, 4) : 0;
}
