using System.Text.Json.Nodes;

namespace HftScalper.Cli.Commands.Run;

/// <summary>The summary keys a testnet or live run adds or overrides (paper mode's JSON is left as it is).</summary>
internal static class LiveSummary
{
    /// <summary>Sets <c>openOrdersAtExit</c> from the venue, adds the order session's reconnects to <c>reconnects</c>,
    /// and adds <c>reconciliations</c>, <c>reconcileMismatches</c> and a <c>venue</c> object (with the exit's
    /// <c>exitConfirmed</c>, <c>exitCancelRetries</c>, <c>refusedAtExit</c>, <c>unansweredAtExit</c> (a count) and the ids
    /// <c>unansweredIdsAtExit</c>, <c>openOrderIdsAtExit</c>).</summary>
    public static void Add(JsonObject o, LiveOutcome live)
    {
        o["openOrdersAtExit"] = live.OpenOrdersAtExit;
        o["reconnects"] = (o["reconnects"]?.GetValue<long>() ?? 0) + live.OrderSessionReconnects;
        o["reconciliations"] = live.Reconciliations;
        o["reconcileMismatches"] = live.ReconcileMismatches;
        o["venue"] = new JsonObject
        {
            ["cancelledAtExit"] = live.CancelledAtExit,
            ["flattenOrders"] = live.FlattenOrders,
            ["unknownOrdersCancelled"] = live.UnknownOrdersCancelled,
            ["orderSessionReconnects"] = live.OrderSessionReconnects,
            ["unknownOutcomes"] = live.UnknownOutcomes,
            ["venueRejects"] = live.VenueRejects,
            ["clockOffsetMs"] = live.ClockOffsetMs,
            ["orderIdPrefix"] = live.SessionPrefix,
            ["stoppedBy"] = live.StoppedBy,
            ["exitConfirmed"] = live.ExitConfirmed,
            ["exitCancelRetries"] = live.ExitCancelRetries,
            ["refusedAtExit"] = live.RefusedAtExit,
            ["unansweredAtExit"] = live.UnansweredAtExit.Count,
            ["unansweredIdsAtExit"] = new JsonArray([.. live.UnansweredAtExit.Select(id => (JsonNode?)id)]),
            ["openOrderIdsAtExit"] = new JsonArray([.. live.OpenOrderIdsAtExit.Select(id => (JsonNode?)id)]),
        };
    }
}
