using System.Globalization;
using System.Text;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using Parquet;
using Parquet.Schema;

namespace HftScalper.Reporting.Fills;

/// <summary>
/// The per-fill trades file (<c>--trades FILE</c>): Parquet (Snappy), or CSV when the name ends in <c>.csv</c>.
/// Columns: <c>time_ns, symbol, side, price, quantity, liquidity, fee, order_id, p_down, p_flat, p_up, mid,
/// position_after</c>, then <c>markout_{h}s_bps</c> per markout horizon (see <see cref="TradeFileRow"/>). In CSV a
/// NaN is an empty cell and numbers use the invariant culture with round-trip precision. Written after the run.
/// </summary>
public static class TradesFile
{
    private static readonly string[] Fixed =
        ["time_ns", "symbol", "side", "price", "quantity", "liquidity", "fee", "order_id", "p_down", "p_flat", "p_up", "mid", "position_after"];

    /// <summary>The rows of a recorder's kept fills, converted with the symbols' scales.</summary>
    public static List<TradeFileRow> Rows(FillRecorder fills, SymbolRegistry symbols)
    {
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(symbols);
        var rows = new List<TradeFileRow>(fills.Kept.Length);
        int horizons = fills.HorizonsNs.Count;
        foreach (ref readonly var f in fills.Kept)
        {
            var info = (uint)f.SymbolId < (uint)symbols.Count ? symbols[f.SymbolId] : null;
            // Divide by the power of ten (not multiply by its inverse): 4581 / 1e5 prints as 0.04581.
            double px = info is null ? 1 : FixedPoint.PowerOfTen(info.PriceDecimals);
            double qty = info is null ? 1 : FixedPoint.PowerOfTen(info.QuantityDecimals);
            // The fee is in the symbol's amount units: ticks x lots, or an inverse contract's coin units (SymbolAmounts).
            double fee = info is null ? 1 : FixedPoint.PowerOfTen(Trading.Ledger.SymbolAmounts.DecimalsOf(info));
            var markouts = new double[horizons];
            for (int h = 0; h < horizons; h++)
            {
                double m = f.MidAt(h);
                markouts[h] = double.IsNaN(m) ? double.NaN : f.Side * (m - f.PriceTicks) / f.PriceTicks * 1e4;
            }
            rows.Add(new TradeFileRow
            {
                TimeNs = f.TimeNs,
                Symbol = info?.Name ?? "#" + f.SymbolId.ToString(CultureInfo.InvariantCulture),
                Side = f.Side > 0 ? "buy" : "sell",
                Price = f.PriceTicks / px,
                Quantity = f.QuantityLots / qty,
                Liquidity = f.Maker ? "maker" : "taker",
                Fee = f.FeeUnits / fee,
                OrderId = f.OrderId,
                PDown = f.PDown,
                PFlat = f.PFlat,
                PUp = f.PUp,
                Mid = f.MidTicks / px,
                PositionAfter = f.PositionAfterLots / qty,
                MarkoutBps = markouts,
            });
        }
        return rows;
    }

    /// <summary>Column names for these horizons (seconds).</summary>
    public static string[] Columns(IReadOnlyList<double> horizonSeconds)
    {
        ArgumentNullException.ThrowIfNull(horizonSeconds);
        return [.. Fixed, .. horizonSeconds.Select(MarkoutColumn)];
    }

    private static string MarkoutColumn(double seconds) => "markout_" + seconds.ToString("G", CultureInfo.InvariantCulture) + "s_bps";

    /// <summary>Writes <paramref name="rows"/> (markouts at <paramref name="horizonSeconds"/>) to <paramref name="path"/>:
    /// CSV when it ends in .csv, else Parquet. Overwrites.</summary>
    public static void Write(string path, IReadOnlyList<TradeFileRow> rows, IReadOnlyList<double> horizonSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = Columns(horizonSeconds);
        if (IsCsv(path)) WriteCsv(path, rows, columns);
        else WriteParquet(path, rows, columns);
    }

    /// <summary>Reads a trades file written by <see cref="Write"/> (format by extension); returns the rows and the
    /// markout horizons in seconds.</summary>
    public static (List<TradeFileRow> Rows, List<double> HorizonSeconds) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IsCsv(path) ? ReadCsv(path) : ReadParquet(path);
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static List<double> Horizons(IEnumerable<string> columns)
    {
        var list = new List<double>();
        foreach (var c in columns.Skip(Fixed.Length))
        {
            if (!c.StartsWith("markout_", StringComparison.Ordinal) || !c.EndsWith("s_bps", StringComparison.Ordinal))
                throw new InvalidDataException($"not a trades file: unexpected column '{c}'");
            list.Add(double.Parse(c.AsSpan(8, c.Length - 8 - 5), CultureInfo.InvariantCulture));
        }
        return list;
    }

    private static void CheckColumns(IReadOnlyList<string> names)
    {
        if (names.Count < Fixed.Length || !names.Take(Fixed.Length).SequenceEqual(Fixed))
            throw new InvalidDataException("not a trades file: the columns must start with " + string.Join(",", Fixed));
    }

    private static void WriteCsv(string path, IReadOnlyList<TradeFileRow> rows, string[] columns)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write(string.Join(",", columns));
        w.Write('\n');
        var line = new StringBuilder();
        foreach (var r in rows)
        {
            line.Clear();
            line.Append(r.TimeNs.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(r.Symbol)).Append(',').Append(r.Side)
                .Append(',').Append(D(r.Price)).Append(',').Append(D(r.Quantity)).Append(',').Append(r.Liquidity)
                .Append(',').Append(D(r.Fee)).Append(',').Append(r.OrderId.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(D(r.PDown)).Append(',').Append(D(r.PFlat)).Append(',').Append(D(r.PUp))
                .Append(',').Append(D(r.Mid)).Append(',').Append(D(r.PositionAfter));
            foreach (double m in r.MarkoutBps) line.Append(',').Append(D(m));
            w.Write(line.Append('\n'));
        }
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string D(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    private static double P(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (List<TradeFileRow>, List<double>) ReadCsv(string path)
    {
        using var r = new StreamReader(path, Encoding.UTF8);
        var header = (r.ReadLine() ?? throw new InvalidDataException("empty trades file")).Split(',');
        CheckColumns(header);
        var horizons = Horizons(header);
        var rows = new List<TradeFileRow>();
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var c = SplitCsv(line);
            if (c.Count != header.Length) throw new InvalidDataException($"trades file row {rows.Count + 1} has {c.Count} cells, not {header.Length}");
            rows.Add(new TradeFileRow
            {
                TimeNs = long.Parse(c[0], CultureInfo.InvariantCulture), Symbol = c[1], Side = c[2], Price = P(c[3]), Quantity = P(c[4]),
                Liquidity = c[5], Fee = P(c[6]), OrderId = long.Parse(c[7], CultureInfo.InvariantCulture), PDown = P(c[8]), PFlat = P(c[9]),
                PUp = P(c[10]), Mid = P(c[11]), PositionAfter = P(c[12]), MarkoutBps = [.. c.Skip(Fixed.Length).Select(P)],
            });
        }
        return (rows, horizons);
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static void WriteParquet(string path, IReadOnlyList<TradeFileRow> rows, string[] columns)
    {
        var fields = new List<Field>
        {
            new DataField<long>(columns[0]), new DataField<string>(columns[1]), new DataField<string>(columns[2]),
            new DataField<double>(columns[3]), new DataField<double>(columns[4]), new DataField<string>(columns[5]),
            new DataField<double>(columns[6]), new DataField<long>(columns[7]),
        };
        for (int i = 8; i < columns.Length; i++) fields.Add(new DataField<double>(columns[i]));
        var schema = new ParquetSchema(fields);
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy })
            .GetAwaiter().GetResult();
        var df = schema.DataFields;
        try
        {
            using var group = writer.CreateRowGroup();
            Longs(group, df[0], rows.Select(r => r.TimeNs));
            Strings(group, df[1], rows.Select(r => r.Symbol));
            Strings(group, df[2], rows.Select(r => r.Side));
            Doubles(group, df[3], rows.Select(r => r.Price));
            Doubles(group, df[4], rows.Select(r => r.Quantity));
            Strings(group, df[5], rows.Select(r => r.Liquidity));
            Doubles(group, df[6], rows.Select(r => r.Fee));
            Longs(group, df[7], rows.Select(r => r.OrderId));
            Doubles(group, df[8], rows.Select(r => r.PDown));
            Doubles(group, df[9], rows.Select(r => r.PFlat));
            Doubles(group, df[10], rows.Select(r => r.PUp));
            Doubles(group, df[11], rows.Select(r => r.Mid));
            Doubles(group, df[12], rows.Select(r => r.PositionAfter));
            for (int h = 0; h + Fixed.Length < columns.Length; h++)
            {
                int k = h;
                Doubles(group, df[Fixed.Length + h], rows.Select(r => k < r.MarkoutBps.Length ? r.MarkoutBps[k] : double.NaN));
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Longs(ParquetRowGroupWriter g, DataField f, IEnumerable<long> v) =>
        g.WriteAsync(f, new ReadOnlyMemory<long>([.. v])).GetAwaiter().GetResult();

    private static void Doubles(ParquetRowGroupWriter g, DataField f, IEnumerable<double> v) =>
        g.WriteAsync(f, new ReadOnlyMemory<double>([.. v])).GetAwaiter().GetResult();

    private static void Strings(ParquetRowGroupWriter g, DataField f, IEnumerable<string> v) =>
        g.WriteAsync(f, new ArraySegment<string>([.. v])).GetAwaiter().GetResult();

    private static (List<TradeFileRow>, List<double>) ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return ReadParquet(reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (List<TradeFileRow>, List<double>) ReadParquet(ParquetReader reader)
    {
        var df = reader.Schema.DataFields;
        var names = df.Select(f => f.Name).ToList();
        CheckColumns(names);
        var horizons = Horizons(names);
        var rows = new List<TradeFileRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            var time = ReadLongs(group, df[0], n);
            var symbol = ReadStrings(group, df[1], n);
            var side = ReadStrings(group, df[2], n);
            var price = ReadDoubles(group, df[3], n);
            var qty = ReadDoubles(group, df[4], n);
            var liq = ReadStrings(group, df[5], n);
            var fee = ReadDoubles(group, df[6], n);
            var order = ReadLongs(group, df[7], n);
            var pd = ReadDoubles(group, df[8], n);
            var pf = ReadDoubles(group, df[9], n);
            var pu = ReadDoubles(group, df[10], n);
            var mid = ReadDoubles(group, df[11], n);
            var pos = ReadDoubles(group, df[12], n);
            var markouts = new double[horizons.Count][];
            for (int h = 0; h < horizons.Count; h++) markouts[h] = ReadDoubles(group, df[Fixed.Length + h], n);
            for (int i = 0; i < n; i++)
            {
                var m = new double[horizons.Count];
                for (int h = 0; h < m.Length; h++) m[h] = markouts[h][i];
                rows.Add(new TradeFileRow
                {
                    TimeNs = time[i], Symbol = symbol[i], Side = side[i], Price = price[i], Quantity = qty[i], Liquidity = liq[i], Fee = fee[i],
                    OrderId = order[i], PDown = pd[i], PFlat = pf[i], PUp = pu[i], Mid = mid[i], PositionAfter = pos[i], MarkoutBps = m,
                });
            }
        }
        return (rows, horizons);
    }

    private static long[] ReadLongs(ParquetRowGroupReader g, DataField f, int n)
    {
        var a = new long[n];
        g.ReadAsync(f, a.AsMemory()).AsTask().GetAwaiter().GetResult();
        return a;
    }

    private static double[] ReadDoubles(ParquetRowGroupReader g, DataField f, int n)
    {
        var a = new double[n];
        g.ReadAsync(f, a.AsMemory()).AsTask().GetAwaiter().GetResult();
        return a;
    }

    private static string[] ReadStrings(ParquetRowGroupReader g, DataField f, int n)
    {
        var a = new string?[n];
        g.ReadAsync(f, a.AsMemory()).AsTask().GetAwaiter().GetResult();
        return [.. a.Select(x => x ?? "")];
    }
}
