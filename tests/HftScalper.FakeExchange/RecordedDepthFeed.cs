using System.IO.Compression;
using System.Text;
using System.Text.Json;
using HftScalper.Core.Numerics;

namespace HftScalper.FakeExchange;

/// <summary>
/// Replays a real hftbacktest-format recording (<c>&lt;local_ts_ns&gt; &lt;combined-stream JSON&gt;</c> per line,
/// gzip, e.g. <c>../shared/data/binance/spot/btcusdt_*.gz</c>) message by message, exactly as recorded, while
/// rebuilding the book from its REST snapshot and diffs under Binance's rules, so snapshots can be served at any
/// point of the replay and the client's book can be compared with the source's.
/// </summary>
public sealed class RecordedDepthFeed : IDisposable
{
    private readonly IEnumerator<string> _lines;
    private readonly Queue<string> _pending = new();
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    /// <summary>Opens the files (in order) and reads up to and including the recorded REST snapshot.</summary>
    public RecordedDepthFeed(IReadOnlyList<string> gzPaths, string symbol, int priceDecimals = 2, int quantityDecimals = 8)
    {
        Symbol = symbol.ToUpperInvariant();
        PriceDecimals = priceDecimals;
        QuantityDecimals = quantityDecimals;
        _lines = ReadLines(gzPaths).GetEnumerator();
        var early = new List<string>();
        while (_lines.MoveNext())
        {
            string json = JsonOf(_lines.Current);
            if (json.StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal))
            {
                LoadSnapshot(json);
                break;
            }
            early.Add(json);
        }
        // Diffs recorded before the snapshot: the ones it covers are history; the rest are sent first.
        foreach (var json in early)
        {
            if (!json.Contains("@depth", StringComparison.Ordinal)) continue;
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.GetProperty("data").GetProperty("u").GetInt64() > LastUpdateId) _pending.Enqueue(json);
        }
    }

    /// <summary>Upper-case symbol.</summary>
    public string Symbol { get; }

    /// <summary>Price decimals used for ticks.</summary>
    public int PriceDecimals { get; }

    /// <summary>Quantity decimals used for lots.</summary>
    public int QuantityDecimals { get; }

    /// <summary>Final update id of the last diff applied (or the snapshot's).</summary>
    public long LastUpdateId { get; private set; }

    /// <summary>Next recorded message (its combined-stream JSON and stream name); depth diffs are applied to the
    /// source book. Returns false at the end of the recording.</summary>
    public bool TryNext(out string stream, out string json, out bool isDepth)
    {
        while (true)
        {
            if (_pending.TryDequeue(out var queued)) json = queued;
            else if (_lines.MoveNext()) json = JsonOf(_lines.Current);
            else
            {
                stream = json = "";
                isDepth = false;
                return false;
            }
            if (!json.StartsWith("{\"stream\":\"", StringComparison.Ordinal)) continue;
            stream = json[11..json.IndexOf('"', 11)];
            isDepth = stream.Contains("@depth", StringComparison.Ordinal);
            if (isDepth) Apply(json);
            return true;
        }
    }

    /// <summary>The REST body for the current book (top <paramref name="limit"/> levels a side).</summary>
    public string SnapshotJson(int limit)
    {
        var b = new StringBuilder(64 * limit);
        b.Append("{\"lastUpdateId\":").Append(LastUpdateId).Append(",\"bids\":");
        Levels(b, _bids.Take(limit));
        b.Append(",\"asks\":");
        Levels(b, _asks.Take(limit));
        return b.Append('}').ToString();
    }

    /// <summary>Top bids, best first.</summary>
    public (long Price, long Quantity)[] TopBids(int depth) => _bids.Take(depth).Select(kv => (kv.Key, kv.Value)).ToArray();

    /// <summary>Top asks, best first.</summary>
    public (long Price, long Quantity)[] TopAsks(int depth) => _asks.Take(depth).Select(kv => (kv.Key, kv.Value)).ToArray();

    /// <inheritdoc />
    public void Dispose() => _lines.Dispose();

    private void LoadSnapshot(string json)
    {
        using var doc = JsonDocument.Parse(json);
        LastUpdateId = doc.RootElement.GetProperty("lastUpdateId").GetInt64();
        Set(_bids, doc.RootElement.GetProperty("bids"));
        Set(_asks, doc.RootElement.GetProperty("asks"));
    }

    private void Apply(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var d = doc.RootElement.GetProperty("data");
        long u = d.GetProperty("u").GetInt64();
        if (u <= LastUpdateId) return;
        Set(_bids, d.GetProperty("b"));
        Set(_asks, d.GetProperty("a"));
        LastUpdateId = u;
    }

    private void Set(SortedDictionary<long, long> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            long price = FixedPoint.Parse(level[0].GetString()!, PriceDecimals);
            long qty = FixedPoint.Parse(level[1].GetString()!, QuantityDecimals);
            if (qty == 0) side.Remove(price);
            else side[price] = qty;
        }
    }

    private void Levels(StringBuilder b, IEnumerable<KeyValuePair<long, long>> levels)
    {
        b.Append('[');
        bool first = true;
        foreach (var (p, q) in levels)
        {
            if (!first) b.Append(',');
            first = false;
            b.Append("[\"").Append(FixedPoint.Format(p, PriceDecimals)).Append("\",\"").Append(FixedPoint.Format(q, QuantityDecimals)).Append("\"]");
        }
        b.Append(']');
    }

    private static string JsonOf(string line)
    {
        int space = line.IndexOf(' ');
        return space < 0 ? line : line[(space + 1)..];
    }

    private static IEnumerable<string> ReadLines(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(gz, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
                if (line.Length > 0) yield return line;
        }
    }
}
