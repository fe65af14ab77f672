using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Replay;

namespace HftScalper.Recording.Events;

/// <summary>
/// The decimals a data.binance.vision CSV writes its prices and quantities at, for the replay's pre-scan
/// (<see cref="KnownSymbolPrescan"/>): a CSV of DOGEUSDT or XRPUSDT (5 or 4 price decimals beside Binance's 8 quantity
/// decimals) or of a symbol in no filter table (generic 10^-8) registered at scales too fine for the account, and the
/// run traded nothing.
/// </summary>
internal static class BinanceCsvScales
{
    /// <summary>The file's symbol (from its name; null when the name does not say it) and the decimals its rows use.</summary>
    public static (string? Symbol, ObservedScales Scales) Observe(string path)
    {
        var scales = new ObservedScales();
        string name = Path.GetFileName(path);
        string? symbol = BinanceCsvSource.SymbolFromName(name);
        if (symbol is null || BinanceCsvSource.DetectKind(name, BinanceCsvSource.FirstLine(path)) is not { } kind) return (null, scales);
        // bookTicker: bid price, bid quantity, ask price, ask quantity in columns 1-4; trades and aggTrades: 1 and 2.
        bool ticker = kind == BinanceCsvKind.BookTicker;
        var fields = new Range[CsvRow.MaxFields];
        using var lines = new LineReader(TextFile.Open(path, new Integrity.InputDamage()));
        while (lines.TryReadLine(out var line))
        {
            if (line.IsEmpty || (lines.LineNumber == 1 && CsvRow.IsHeader(line))) continue;
            var row = new CsvRow(line, fields);
            if (row.Count < (ticker ? 5 : 3)) continue;
            scales.AddPrice(row[1]);
            scales.AddQuantity(row[2]);
            if (!ticker) continue;
            scales.AddPrice(row[3]);
            scales.AddQuantity(row[4]);
        }
        return (symbol, scales);
    }
}
