using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>A parser over a registry with BTCUSDT (2/5), ETHUSDT (4/3) and BTCUSD_PERP (1/0), plus helpers.</summary>
internal sealed class ParserFixture
{
    public ParserFixture(BinanceParserOptions? options = null)
    {
        Registry = new SymbolRegistry();
        Btc = Registry.Register("BTCUSDT", "binance-spot", 2, 5).Id;
        Eth = Registry.Register("ETHUSDT", "binance-usdm", 4, 3).Id;
        Coin = Registry.Register("BTCUSD_PERP", "binance-coinm", 1, 0).Id;
        Parser = new BinanceParser(Registry, options);
    }

    public SymbolRegistry Registry { get; }
    public BinanceParser Parser { get; }
    public MarketEventBuffer Output { get; } = new(4);
    public int Btc { get; }
    public int Eth { get; }
    public int Coin { get; }

    public ParseResult Parse(string json, long localNs = 123, int symbolId = -1, FrameOrigin origin = FrameOrigin.WebSocket)
    {
        Output.Clear();
        return Parser.Parse(new RawFrame(localNs, origin, symbolId, 0, Encoding.UTF8.GetBytes(json)), Output);
    }

    public ParseResult Parse(byte[] json)
    {
        Output.Clear();
        return Parser.Parse(new RawFrame(1, FrameOrigin.WebSocket, -1, 0, json), Output);
    }

    public MarketEvent[] Events => Output.Events.ToArray();
}
