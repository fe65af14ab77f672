using System.Text;
using System.Text.Json;
using HftScalper.Core.Frames;
using HftScalper.Core.Numerics;

namespace HftScalper.Simulator.Statistics;

/// <summary>
/// Measures a Binance spot stream of one symbol (recorded or simulated) the same way, so the simulator's
/// calibration can be stated as "real vs simulated": spread, depth, event rates, trade sizes, burstiness,
/// volatility and order-flow-imbalance predictability; it also replays the diffs through
/// <see cref="ReferenceBook"/> and counts gaps, crossed books and bookTicker/book disagreements. Off the hot
/// path: it parses with <see cref="JsonDocument"/> and keeps per-message samples in lists.
/// </summary>
internal sealed class MarketStatistics
{
    private const int PriceDecimals = 2, QtyDecimals = 8;
    private const long NsPerSecond = 1_000_000_000;

    private readonly ReferenceBook _book = new();
    private readonly List<(long Ts, long Mid2, double B, double A, long Spread)> _tickers = [];
    private readonly List<(long Ms, double Qty)> _trades = [];
    private readonly Dictionary<long, (long B, long Bq, long A, long Aq)> _pendingTickers = [];
    private readonly Queue<long> _pendingOrder = new();
    private long _firstTs = -1, _lastTs, _diffs, _levels, _firstU = -1, _lastU, _bad, _checked, _mismatched, _depthSamples;
    private double _d1, _d5, _d10;

    /// <summary>Measures every line of the given recording files, in order.</summary>
    public static MarketStatisticsReport MeasureFiles(params string[] paths)
    {
        var m = new MarketStatistics();
        foreach (var (ts, json) in RawLineFile.ReadLines(paths)) m.Add(ts, json);
        return m.Report();
    }

    /// <summary>Measures every frame of a source (e.g. the simulator) until it ends.</summary>
    public static MarketStatisticsReport Measure(IRawFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var m = new MarketStatistics();
        while (source.TryRead(out var frame)) m.Add(frame.LocalTimeNs, frame.Payload);
        return m.Report();
    }

    /// <summary>Adds one line: its local receive time and JSON text.</summary>
    public void Add(long localTimeNs, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Add(localTimeNs, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Adds one frame: its local receive time and JSON bytes (negative time: counted as bad).</summary>
    public void Add(long localTimeNs, ReadOnlyMemory<byte> json)
    {
        if (localTimeNs < 0) { _bad++; return; }
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (_firstTs < 0) _firstTs = localTimeNs;
            _lastTs = localTimeNs;
            if (root.TryGetProperty("lastUpdateId", out var lid)) Snapshot(lid.GetInt64(), root);
            else if (root.TryGetProperty("stream", out var stream) && root.TryGetProperty("data", out var data))
            {
                string name = stream.GetString() ?? "";
                if (name.Contains("@depth", StringComparison.Ordinal)) Diff(data);
                else if (name.EndsWith("@bookTicker", StringComparison.Ordinal)) Ticker(localTimeNs, data);
                else if (name.EndsWith("@trade", StringComparison.Ordinal)) _trades.Add((data.GetProperty("T").GetInt64(), Qty(data.GetProperty("q"))));
                else _bad++;
            }
            else _bad++;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            _bad++;
        }
    }

    private void Snapshot(long lastUpdateId, JsonElement root)
    {
        static IEnumerable<(long, long)> Levels(JsonElement arr)
        {
            foreach (var l in arr.EnumerateArray()) yield return (Price(l[0]), Lots(l[1]));
        }
        _book.ApplySnapshot(lastUpdateId, Levels(root.GetProperty("bids")).ToList(), Levels(root.GetProperty("asks")).ToList());
    }

    private void Diff(JsonElement d)
    {
        long first = d.GetProperty("U").GetInt64(), last = d.GetProperty("u").GetInt64();
        if (_firstU < 0) _firstU = first;
        _lastU = last;
        var levels = new List<(bool, long, long)>();
        foreach (var l in d.GetProperty("b").EnumerateArray()) levels.Add((true, Price(l[0]), Lots(l[1])));
        foreach (var l in d.GetProperty("a").EnumerateArray()) levels.Add((false, Price(l[0]), Lots(l[1])));
        _diffs++;
        _levels += levels.Count;
        if (_book.ApplyDiff(first, last, levels))
        {
            CheckTicker(last);
            _depthSamples++;
            _d1 += (_book.Depth(true, 1) + _book.Depth(false, 1)) / 2.0;
            _d5 += (_book.Depth(true, 5) + _book.Depth(false, 5)) / 2.0;
            _d10 += (_book.Depth(true, 10) + _book.Depth(false, 10)) / 2.0;
        }
    }

    private void Ticker(long ts, JsonElement d)
    {
        long b = Price(d.GetProperty("b")), a = Price(d.GetProperty("a"));
        long bq = Lots(d.GetProperty("B")), aq = Lots(d.GetProperty("A"));
        _tickers.Add((ts, a + b, bq, aq, a - b));
        // bookTicker is real-time and the diff batched: a ticker whose u ends a diff arrives before that diff,
        // so it is held until the diff is applied and then compared with the rebuilt book.
        long u = d.GetProperty("u").GetInt64();
        if (_pendingTickers.TryAdd(u, (b, bq, a, aq))) _pendingOrder.Enqueue(u);
    }

    private void CheckTicker(long diffLastId)
    {
        if (_pendingTickers.TryGetValue(diffLastId, out var t))
        {
            _checked++;
            if (_book.BestBid != (t.B, t.Bq) || _book.BestAsk != (t.A, t.Aq)) _mismatched++;
        }
        while (_pendingOrder.Count > 0 && _pendingOrder.Peek() <= diffLastId) _pendingTickers.Remove(_pendingOrder.Dequeue());
    }

    /// <summary>Computes the report from everything added.</summary>
    public MarketStatisticsReport Report()
    {
        double secs = Math.Max(1e-9, (_lastTs - _firstTs) / (double)NsPerSecond);
        var sizes = _trades.Select(t => t.Qty).Order().ToArray();
        double lotScale = Math.Pow(10, -QtyDecimals);
        long midChanges = 0;
        for (int i = 1; i < _tickers.Count; i++) if (_tickers[i].Mid2 != _tickers[i - 1].Mid2) midChanges++;
        var (hit, samples) = ImbalanceHits();
        var (hit1, samples1) = ImbalanceHitsAtHorizon(NsPerSecond);
        var (hit10, samples10) = ImbalanceHitsAtHorizon(10 * NsPerSecond);
        double n = Math.Max(1, _depthSamples);
        return new MarketStatisticsReport
        {
            Seconds = secs,
            SpreadMeanTicks = _tickers.Count == 0 ? 0 : _tickers.Average(t => (double)t.Spread),
            SpreadOneTickShare = _tickers.Count == 0 ? 0 : _tickers.Count(t => t.Spread == 1) / (double)_tickers.Count,
            Depth1 = _d1 / n * lotScale,
            Depth5 = _d5 / n * lotScale,
            Depth10 = _d10 / n * lotScale,
            DiffRate = _diffs / secs,
            LevelsPerDiff = _diffs == 0 ? 0 : _levels / (double)_diffs,
            UpdateIdRate = _firstU < 0 ? 0 : (_lastU - _firstU + 1) / secs,
            BookTickerRate = _tickers.Count / secs,
            TradeRate = _trades.Count / secs,
            TradeSizeMedian = Quantile(sizes, 0.5),
            TradeSizeP90 = Quantile(sizes, 0.9),
            TradeFano1s = Fano(_trades.Select(t => t.Ms * 1_000_000L)),
            BookTickerFano1s = Fano(_tickers.Select(t => t.Ts)),
            MidChangeRate = midChanges / secs,
            MidVolatility1sTicks = MidVolatility(),
            ImbalanceHitRate = samples == 0 ? 0 : hit / (double)samples,
            ImbalanceSamples = samples,
            ImbalanceHitRate1s = samples1 == 0 ? 0 : hit1 / (double)samples1,
            ImbalanceSamples1s = samples1,
            ImbalanceHitRate10s = samples10 == 0 ? 0 : hit10 / (double)samples10,
            ImbalanceSamples10s = samples10,
            DiffsApplied = _book.Applied,
            DiffsDropped = _book.Dropped,
            Gaps = _book.Gaps,
            Crossed = _book.Crossed,
            TickersChecked = _checked,
            TickersMismatched = _mismatched,
            BadLines = _bad,
        };
    }

    private (long Hits, long Samples) ImbalanceHits()
    {
        long hits = 0, samples = 0;
        int next = 0;
        for (int i = 0; i < _tickers.Count; i++)
        {
            var t = _tickers[i];
            if (next <= i) next = i + 1;
            while (next < _tickers.Count && _tickers[next].Mid2 == t.Mid2) next++;
            if (next >= _tickers.Count) break;
            if (t.B == t.A) continue;
            samples++;
            if ((_tickers[next].Mid2 > t.Mid2) == (t.B > t.A)) hits++;
        }
        return (hits, samples);
    }

    /// <summary>On a 100 ms clock of local time: sign(best bid qty - best ask qty) of the last bookTicker at the
    /// sample vs the sign of the mid change from the sample to <paramref name="horizonNs"/> later (the mid as of
    /// then). Samples with balanced queues or an unchanged mid are skipped: the rate is conditional on a move.</summary>
    private (long Hits, long Samples) ImbalanceHitsAtHorizon(long horizonNs)
    {
        const long Step = NsPerSecond / 10;
        long hits = 0, samples = 0;
        if (_tickers.Count < 2) return (0, 0);
        int now = 0, later = 0;
        for (long t = _tickers[0].Ts; t + horizonNs <= _tickers[^1].Ts; t += Step)
        {
            while (now + 1 < _tickers.Count && _tickers[now + 1].Ts <= t) now++;
            if (later < now) later = now;
            while (later + 1 < _tickers.Count && _tickers[later + 1].Ts <= t + horizonNs) later++;
            var s = _tickers[now];
            long move = _tickers[later].Mid2 - s.Mid2;
            if (s.B == s.A || move == 0) continue;
            samples++;
            if ((move > 0) == (s.B > s.A)) hits++;
        }
        return (hits, samples);
    }

    private double MidVolatility()
    {
        if (_tickers.Count < 2) return 0;
        var last = new SortedDictionary<long, long>();
        long t0 = _tickers[0].Ts;
        foreach (var t in _tickers) last[(t.Ts - t0) / NsPerSecond] = t.Mid2;
        var mids = last.Values.ToArray();
        var diffs = new double[Math.Max(0, mids.Length - 1)];
        for (int i = 1; i < mids.Length; i++) diffs[i - 1] = (mids[i] - mids[i - 1]) / 2.0;
        if (diffs.Length == 0) return 0;
        double mean = diffs.Average();
        return Math.Sqrt(diffs.Average(d => (d - mean) * (d - mean)));
    }

    private static double Fano(IEnumerable<long> timesNs)
    {
        var t = timesNs.ToArray();
        if (t.Length < 2) return 0;
        long t0 = t.Min(), bins = (t.Max() - t0) / NsPerSecond + 1;
        var counts = new double[bins];
        foreach (long x in t) counts[(x - t0) / NsPerSecond]++;
        double mean = counts.Average();
        return counts.Average(c => (c - mean) * (c - mean)) / mean;
    }

    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[(int)(q * (sorted.Length - 1))];

    private static long Price(JsonElement e) => Parse(e, PriceDecimals);

    private static long Lots(JsonElement e) => Parse(e, QtyDecimals);

    private static double Qty(JsonElement e) => Lots(e) * Math.Pow(10, -QtyDecimals);

    private static long Parse(JsonElement e, int decimals)
    {
        var s = e.GetString() ?? throw new FormatException("missing number");
        var status = FixedPoint.TryParse(Encoding.ASCII.GetBytes(s), decimals, out long v);
        return status == FixedPointStatus.Ok ? v : throw new FormatException($"bad number '{s}': {status}");
    }
}
