using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Benchmarks.Binance;

/// <summary>
/// Per-message parse cost of real recorded messages (1,000 of one kind per invocation, so the time is per message):
/// our parser (single-pass scanner, SIMD decimals) into a reusable MarketEventBuffer vs JsonSerializer into DTO
/// classes with decimal prices.
/// </summary>
[MemoryDiagnoser]
public class BinanceParserBenchmarks
{
    private const int Count = 1000;
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    private byte[][] _messages = [];
    private BinanceParser _parser = null!;
    private ReaderParser _reader = null!;
    private MarketEventBuffer _buffer = null!;

    /// <summary>Which message kind to parse.</summary>
    [Params("depth", "bookTicker", "trade")]
    public string Kind { get; set; } = "depth";

    /// <summary>Loads the messages and checks both parsers read the same prices and quantities.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _messages = Kind switch
        {
            "depth" => BinanceBenchData.Messages("depth@100ms", BinanceBenchData.DepthSample, Count),
            "bookTicker" => BinanceBenchData.Messages("bookTicker", BinanceBenchData.TickerSample, Count),
            _ => BinanceBenchData.Messages("trade", BinanceBenchData.TradeSample, Count),
        };
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 8);
        // Every invocation parses the same messages again: keep the duplicate-id filter from dropping them.
        _parser = new BinanceParser(registry, new BinanceParserOptions { DropDuplicateIds = false });
        _reader = new ReaderParser(registry);
        _buffer = new MarketEventBuffer(4096);
        decimal ours = Parser();
        decimal theirs = JsonSerializerDecimal();
        decimal previous = ReaderPath();
        if (ours != theirs || previous != theirs)
            throw new InvalidOperationException($"checksum mismatch: parser {ours}, reader path {previous}, JsonSerializer {theirs}");
    }

    /// <summary>Messages per invocation (divide the time by this for per-message cost).</summary>
    public static int MessagesPerInvoke => Count;

    /// <summary>Typical client: JsonSerializer into DTOs with decimal prices; checksum = sum of prices + sum of quantities.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public decimal JsonSerializerDecimal()
    {
        decimal sum = 0;
        foreach (var m in _messages)
        {
            switch (Kind)
            {
                case "depth":
                    var d = JsonSerializer.Deserialize<CombinedDto<DepthDto>>(m, Json)!.Data!;
                    foreach (var l in d.Bids!) sum += l[0] + l[1];
                    foreach (var l in d.Asks!) sum += l[0] + l[1];
                    break;
                case "bookTicker":
                    var t = JsonSerializer.Deserialize<CombinedDto<TickerDto>>(m, Json)!.Data!;
                    sum += t.BidPrice + t.BidQty + t.AskPrice + t.AskQty;
                    break;
                default:
                    var tr = JsonSerializer.Deserialize<CombinedDto<TradeDto>>(m, Json)!.Data!;
                    sum += tr.Price + tr.Quantity;
                    break;
            }
        }
        return sum;
    }

    /// <summary>Our parser: events into a reusable buffer; same checksum, summed in ticks and lots.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public decimal Parser() => Run(useReader: false);

    /// <summary>The previous implementation (Utf8JsonReader field scan, then levels re-read), now the parser's
    /// fallback for unusual layouts and rejections: same checksum.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public decimal ReaderPath() => Run(useReader: true);

    private decimal Run(bool useReader)
    {
        long prices = 0, quantities = 0;
        foreach (var m in _messages)
        {
            _buffer.Clear();
            var frame = new RawFrame(0, FrameOrigin.WebSocket, -1, 0, m);
            if (useReader) _reader.Parse(in frame, _buffer);
            else _parser.Parse(in frame, _buffer);
            foreach (ref readonly var e in _buffer.Events)
            {
                prices += e.Price;
                quantities += e.Quantity;
                if (e.Kind == Core.Events.MarketEventKind.TopOfBook) { prices += e.AskPrice; quantities += e.AskQuantity; }
            }
        }
        return prices / 100m + quantities / 100_000_000m; // once per invocation, not per message
    }
}
