using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Recording.Orders;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft journal orders PATH [--json]</c>: prints the records of an order journal (written by <c>hft run --journal</c>
/// or <c>hft replay --orders-journal</c>): one line per request or execution report, then the reader's counters (a
/// torn tail or a damaged record is reported on stderr and counted, and every good record is printed).
/// </summary>
internal static class JournalCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "Order journal folder or segment file" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (records and counters)" };
        var orders = new Command("orders", "Print the order requests and execution reports of an order journal") { path, json };
        orders.SetAction(parse => PrintOrders(parse.GetValue(path)!, parse.GetValue(json)));
        return new Command("journal", "Look inside journals") { orders };
    }

    private static int PrintOrders(string path, bool json)
    {
        using var reader = new OrderJournalReader(path, m => Console.Error.WriteLine(m));
        var records = new JsonArray();
        string[] names = [];
        while (reader.TryRead(out var r))
        {
            if (reader.CurrentHeader is { } h && h.Symbols.Count != names.Length) names = [.. h.Symbols.Select(s => s.Name)];
            string symbol = (uint)r.SymbolId < (uint)names.Length ? names[r.SymbolId] : "#" + r.SymbolId.ToString(CultureInfo.InvariantCulture);
            if (json) records.Add((JsonNode)Json(in r, symbol));
            else Console.WriteLine(Text(in r, symbol));
        }
        var s = reader.Stats;
        var counters = new JsonObject
        {
            ["records"] = s.Records, ["segments"] = s.Segments, ["tornTails"] = s.TornTails, ["corrupt"] = s.CorruptRecords,
            ["badHeaders"] = s.BadHeaders, ["discardedBytes"] = s.DiscardedBytes,
        };
        if (json) JsonOut.Write(new JsonObject { ["path"] = path, ["orders"] = records, ["journal"] = counters });
        else Console.Error.WriteLine($"journal: {s}");
        return 0;
    }

    private static JsonObject Json(in OrderJournalRecord r, string symbol)
    {
        var o = new JsonObject
        {
            ["entry"] = Lower(r.Entry), ["symbol"] = symbol, ["clientOrderId"] = Hex(r.ClientOrderId), ["timeNs"] = r.TimeNs,
        };
        switch (r.Entry)
        {
            case OrderJournalEntryKind.New or OrderJournalEntryKind.Replace:
                if (r.Entry == OrderJournalEntryKind.Replace) o["originalClientOrderId"] = Hex(r.OriginalClientOrderId);
                o["side"] = Lower(r.Side); o["type"] = Lower(r.OrderType); o["priceTicks"] = r.PriceTicks; o["lots"] = r.QuantityLots;
                o["reduceOnly"] = r.ReduceOnly; o["sequence"] = r.Sequence;
                break;
            case OrderJournalEntryKind.Report:
                o["kind"] = Lower(r.ReportKind); o["reason"] = Lower(r.Reason); o["side"] = Lower(r.Side); o["type"] = Lower(r.OrderType);
                o["priceTicks"] = r.PriceTicks; o["fillPriceTicks"] = r.LastPriceTicks; o["fillLots"] = r.LastQuantityLots;
                o["cumulativeLots"] = r.CumulativeQuantityLots; o["leavesLots"] = r.LeavesQuantityLots; o["fee"] = r.Fee;
                o["liquidity"] = Lower(r.Liquidity); o["receiveTimeNs"] = r.ReceiveTimeNs;
                break;
        }
        return o;
    }

    private static string Text(in OrderJournalRecord r, string symbol)
    {
        var c = CultureInfo.InvariantCulture;
        string head = string.Create(c, $"{r.TimeNs} {Lower(r.Entry),-7} {symbol} {Hex(r.ClientOrderId)}");
        return r.Entry switch
        {
            OrderJournalEntryKind.Cancel => head,
            OrderJournalEntryKind.New or OrderJournalEntryKind.Replace => head
                + (r.Entry == OrderJournalEntryKind.Replace ? " replaces " + Hex(r.OriginalClientOrderId) : "")
                + string.Create(c, $" {Lower(r.Side)} {Lower(r.OrderType)} {r.QuantityLots} lots @ {r.PriceTicks} ticks")
                + (r.ReduceOnly ? " reduce-only" : ""),
            _ => head + " " + Lower(r.ReportKind) + (r.Reason == 0 ? "" : " (" + Lower(r.Reason) + ")")
                + string.Create(c, $" fill {r.LastQuantityLots} @ {r.LastPriceTicks} {Lower(r.Liquidity)} fee {r.Fee} leaves {r.LeavesQuantityLots} received {r.ReceiveTimeNs}"),
        };
    }

    private static string Hex(long id) => id.ToString("x", CultureInfo.InvariantCulture);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
