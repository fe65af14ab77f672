using System.Globalization;
using System.Text;

namespace HftScalper.Binance.Transport;

/// <summary>Binance stream names and control messages.</summary>
internal static class StreamNames
{
    /// <summary>Most streams one connection may carry (Binance's limit).</summary>
    public const int MaxStreamsPerConnection = 1024;

    /// <summary>Diff-depth stream, e.g. <c>btcusdt@depth@100ms</c>.</summary>
    public static string Depth(string symbol, bool fast = true) => symbol.ToLowerInvariant() + (fast ? "@depth@100ms" : "@depth");

    /// <summary>Trade stream <c>btcusdt@trade</c>.</summary>
    public static string Trade(string symbol) => symbol.ToLowerInvariant() + "@trade";

    /// <summary>Aggregate trade stream <c>btcusdt@aggTrade</c>.</summary>
    public static string AggTrade(string symbol) => symbol.ToLowerInvariant() + "@aggTrade";

    /// <summary>Best bid/ask stream <c>btcusdt@bookTicker</c>.</summary>
    public static string BookTicker(string symbol) => symbol.ToLowerInvariant() + "@bookTicker";

    /// <summary>Mark price stream, one update a second: <c>btcusdt@markPrice@1s</c> (futures).</summary>
    public static string MarkPrice(string symbol) => symbol.ToLowerInvariant() + "@markPrice@1s";

    /// <summary>The combined-stream URL <c>{base}/stream?streams=a/b/c</c>.</summary>
    public static Uri CombinedUrl(Uri streamBase, IReadOnlyList<string> streams)
    {
        var b = new StringBuilder(streamBase.ToString().TrimEnd('/')).Append("/stream?streams=");
        for (int i = 0; i < streams.Count; i++)
        {
            if (i > 0) b.Append('/');
            b.Append(streams[i]);
        }
        return new Uri(b.ToString());
    }

    /// <summary>A control message: <c>{"method":"SUBSCRIBE","params":["a","b"],"id":1}</c>.</summary>
    public static byte[] ControlMessage(string method, IReadOnlyList<string> streams, long id)
    {
        var b = new StringBuilder("{\"method\":\"").Append(method).Append("\",\"params\":[");
        for (int i = 0; i < streams.Count; i++)
        {
            if (i > 0) b.Append(',');
            b.Append('"').Append(streams[i]).Append('"');
        }
        b.Append("],\"id\":").Append(id.ToString(CultureInfo.InvariantCulture)).Append('}');
        return Encoding.ASCII.GetBytes(b.ToString());
    }
}
