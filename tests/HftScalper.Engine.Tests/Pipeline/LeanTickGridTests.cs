using System.IO.Compression;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Recording.Replay;
using HftScalper.Tests.Shared;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// US equities trade on a $0.01 tick at $1 and above (Reg NMS rule 612); Lean prices are in $0.0001 units, so a Lean
/// symbol registers a tick of 100 units and a maker run (post-only entries, reprices, a one-tick take-profit, IOC stops
/// with a one-tick allowance) sends only whole cents: before, "one tick" was one unit and quotes were sub-penny.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LeanTickGridTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hft-lean-grid-" + Guid.NewGuid().ToString("N"));

    public LeanTickGridTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed class Orders : IOrderFlowObserver
    {
        public readonly List<long> Prices = [];
        public readonly List<long> Quantities = [];
        public long FilterRejects;
        public string Verdicts = "";
        public void OnSubmit(in OrderRequest request) => Add(in request);
        public void OnReplace(ClientOrderId original, in OrderRequest replacement) => Add(in replacement);
        public void OnCancel(ClientOrderId clientOrderId, int symbolId, long nowNs) { }
        public void OnExecutionReport(in ExecutionReport report)
        {
            if (report.Kind == ExecutionReportKind.Rejected && report.Reason == ExecutionReason.FilterFailure) FilterRejects++;
        }

        private void Add(in OrderRequest r)
        {
            if (r.Type != OrderType.Market) Prices.Add(r.PriceTicks);
            Quantities.Add(r.QuantityLots);
        }
    }

    // Maker entries, a one-tick take-profit, a time stop at the horizon with an IOC exit one tick beyond the touch.
    private static Orders MakerRun(string[] files, out SymbolInfo symbol)
    {
        var registry = new SymbolRegistry();
        var orders = new Orders();
        var trading = new TradingOptions
        {
            Risk = new RiskOptions { EntryOrderType = OrderType.PostOnly, SlippageTicks = 1 },
            Quotes = new QuoteOptions { TakeProfitTicks = 1, TimeStopFactor = 1, StopLossTicks = 3 },
        };
        PipelineResult result;
        using (var source = ReplaySourceFactory.Open(registry, files, _ => { }, "binance-spot"))
            result = new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 0, Trading = trading }, new SingleModelSource(null),
                NullLogger.Instance, new PipelineHooks { OrderFlow = orders }).Run(source.Feed(registry, "binance-spot"));
        symbol = registry[0];
        orders.Verdicts = string.Join(", ", result.Trading.RiskVerdicts.Select(v => $"{v.Key}={v.Value}"));
        return orders;
    }

    private static void AssertWholeCents(Orders orders, SymbolInfo symbol)
    {
        Assert.Equal(100L, symbol.TickSize);
        Assert.True(orders.Prices.Count >= 10, $"only {orders.Prices.Count} priced orders (verdicts {orders.Verdicts}): the run tests nothing");
        Assert.All(orders.Prices, p => Assert.Equal(0L, p % 100));
        Assert.Equal(0L, orders.FilterRejects);
    }

    [Fact]
    public void A_maker_run_on_a_lean_file_quotes_only_whole_cents()
    {
        var quotes = new System.Text.StringBuilder();
        var trades = new System.Text.StringBuilder();
        // Whole-cent quotes two cents wide, the touch stepping a cent at a time; the resting size leans to one side for
        // 300 quotes, then to the other (so the rule-based fallback goes long, then short), and trades hit both sides.
        for (int i = 0; i < 3000; i++)
        {
            long t = 34_200_000 + 50L * i;                            // ms from midnight, from the open
            long bid = 1_810_000 + 100 * ((i / 7) % 5), ask = bid + 200;
            bool buyers = (i / 300) % 2 == 0;
            long bidSize = buyers ? 5000 + i % 7 : 100 + i % 7, askSize = buyers ? 100 + i % 5 : 5000 + i % 5;
            quotes.Append($"{t},{bid},{bidSize},{ask},{askSize},P,1,0\n");
            trades.Append($"{t + 10},{(i % 2 == 0 ? bid : ask)},{50 + i % 11},P,2000,0\n");
        }
        string q = Path.Combine(_dir, "20131007_quote.zip"), tr = Path.Combine(_dir, "20131007_trade.zip");
        WriteZip(q, "20131007_ibm_Quote_Tick.csv", quotes.ToString());
        WriteZip(tr, "20131007_ibm_Trade_Tick.csv", trades.ToString());

        var orders = MakerRun([q, tr], out var symbol);

        AssertWholeCents(orders, symbol);
    }

    [RequiresDataFact]
    public void A_maker_run_on_the_real_IBM_day_quotes_only_whole_cents()
    {
        string day = TestData.Path("equity", "lean-ibm");

        var orders = MakerRun([Path.Combine(day, "20131009_quote.zip"), Path.Combine(day, "20131009_trade.zip")], out var symbol);

        AssertWholeCents(orders, symbol);
    }

    private static void WriteZip(string path, string entry, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var w = new StreamWriter(zip.CreateEntry(entry).Open());
        w.Write(content);
    }
}
