using System.Text;
using CsCheck;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Properties.Tests.Harness;
using HftScalper.Properties.Tests.Journal;
using HftScalper.Properties.Tests.Parsing;
using HftScalper.Recording.Events;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Properties.Tests.Events;

/// <summary>
/// The other readers on damaged input (byte mutations of valid generated files): Binance public-data CSVs (plain,
/// gzip, zip), LOBSTER pairs, Lean tick zips and cryptofeed http/ws pairs never throw while reading, count every
/// row they read, stay within a memory bound proportional to the input, and read identical files identically.
/// </summary>
public sealed class EventSourceProperties
{
    private static readonly string[] CsvNames = ["BTCUSDT-trades-2024-03-01", "BTCUSDT-aggTrades-2024-03-01", "BTCUSDT-bookTicker-2024-03-01"];
    private static readonly BinanceCsvKind[] CsvKinds = [BinanceCsvKind.Trades, BinanceCsvKind.AggTrades, BinanceCsvKind.BookTicker];

    [Fact]
    public void Damaged_binance_csv_rows_are_counted_and_read_the_same_twice()
    {
        var gen = Gen.Select(EventFiles.BinanceCsv, Gen.Int[0, 2], Mutation.Many(4));
        Property.Check(gen, t =>
        {
            var ((kind, _, text), container, mutations) = t;
            var content = Mutation.ApplyAll(Encoding.UTF8.GetBytes(text), mutations);
            string name = CsvNames[kind] + (container switch { 0 => ".csv", 1 => ".csv.gz", _ => ".zip" });
            byte[] file = container switch { 0 => content, 1 => EventFiles.Gzip(content), _ => EventFiles.Zip(CsvNames[kind] + ".csv", content) };
            using var dir = new TempDir();
            File.WriteAllBytes(dir.File(name), file);

            // A zip whose only entry was cut to nothing reads as an empty file (no rows), like an empty .csv.
            var (_, stats) = ReadTwice(() => new BinanceCsvSource(dir.File(name), new SymbolRegistry(), CsvKinds[kind], "BTCUSDT"), content.Length);

            // Every row is an event, a bad row, or a duplicate id dropped and counted (h4: DropDuplicateIds).
            Assert.Equal(stats.Rows, stats.Events + stats.BadRows + stats.Duplicates);
            Assert.True(stats.Rows <= content.Count(b => b == (byte)'\n') + 1, stats.ToString());
        }, ciIterations: 200, print: t => $"{CsvNames[t.Item1.Kind]} container {t.Item2} [{string.Join(", ", t.Item3)}]\n{t.Item1.Text}");
    }

    [Fact]
    public void Damaged_lobster_pairs_never_throw_and_read_the_same_twice()
    {
        var gen = Gen.Select(EventFiles.Lobster, Mutation.Many(3), Mutation.Many(3), Gen.Int[0, 2]);
        Property.Check(gen, t =>
        {
            var ((messages, book), mm, mb, which) = t;
            using var dir = new TempDir();
            string msg = dir.File("AAPL_2012-06-21_34200000_57600000_message_1.csv");
            var m = Encoding.UTF8.GetBytes(messages);
            var b = Encoding.UTF8.GetBytes(book);
            File.WriteAllBytes(msg, which == 1 ? m : Mutation.ApplyAll(m, mm));
            File.WriteAllBytes(LobsterSource.OrderbookPathFor(msg)!, which == 0 ? b : Mutation.ApplyAll(b, mb));

            var (_, stats) = ReadTwice(() => new LobsterSource(msg, new SymbolRegistry()), m.Length + b.Length + 1024);

            Assert.True(stats.Events <= 2 * stats.Rows, stats.ToString());
        }, ciIterations: 150);
    }

    [Fact]
    public void Damaged_lean_tick_files_never_throw_and_read_the_same_twice()
    {
        var gen = Gen.Select(EventFiles.Lean, Mutation.Many(3), Mutation.Many(3), Gen.Int[0, 2]);
        Property.Check(gen, t =>
        {
            var ((quotes, trades), mq, mt, which) = t;
            using var dir = new TempDir();
            var q = Encoding.UTF8.GetBytes(quotes);
            var tr = Encoding.UTF8.GetBytes(trades);
            // Entries hold a byte here; an empty entry (a day without trades) is covered by
            // A_lean_day_with_an_empty_trade_file_reads_its_quotes.
            File.WriteAllBytes(dir.File("20131007_quote.zip"), EventFiles.Zip("20131007_ibm_Quote_Tick.csv", NotEmpty(which == 1 ? q : Mutation.ApplyAll(q, mq))));
            File.WriteAllBytes(dir.File("20131007_trade.zip"), EventFiles.Zip("20131007_ibm_Trade_Tick.csv", NotEmpty(which == 0 ? tr : Mutation.ApplyAll(tr, mt))));

            ReadTwice(() => new LeanTickSource([dir.File("20131007_quote.zip"), dir.File("20131007_trade.zip")], new SymbolRegistry()),
                q.Length + tr.Length + 4096);
        }, ciIterations: 150);
    }

    [Fact]
    public void Damaged_cryptofeed_pairs_never_throw_count_their_lines_and_parse_alike_on_both_paths()
    {
        var gen = Gen.Select(MessageGen.Valid.Array[1, 30], Mutation.Many(4), Mutation.Many(2));
        Property.Check(gen, t =>
        {
            var (messages, mws, mhttp) = t;
            using var dir = new TempDir();
            var ws = new StringBuilder("wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms <-> 1723161255.0\n");
            var http = new StringBuilder();
            double ts = 1_723_161_255.0;
            foreach (var m in messages)
            {
                ts += 0.001;
                string json = Encoding.UTF8.GetString((m with { Wrapped = m.Kind != MessageKind.Snapshot }).Render());
                string when = ts.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
                if (m.Kind == MessageKind.Snapshot) http.Append($"https://api.binance.com/api/v3/depth?symbol={m.Symbol}&limit=1000 -> {when}: {json}\n");
                else ws.Append($"{when}: {json}\n");
            }
            var wsBytes = Mutation.ApplyAll(Encoding.UTF8.GetBytes(ws.ToString()), mws);
            File.WriteAllBytes(dir.File("BINANCE.ws.1.0"), wsBytes);
            File.WriteAllBytes(dir.File("BINANCE.http.0.0"), Mutation.ApplyAll(Encoding.UTF8.GetBytes(http.ToString()), mhttp));

            ulong Read()
            {
                var pair = new ParserPair();
                var options = new TextSourceOptions(pair.Registry) { MaxLineBytes = 4096 };
                using var source = (CryptofeedTextSource)TextRecording.Open([dir.File("BINANCE.http.0.0"), dir.File("BINANCE.ws.1.0")], options);
                var frames = new List<OwnedFrame>();
                while (source.TryRead(out var f))
                {
                    frames.Add(OwnedFrame.From(f));
                    pair.Parse(in f);
                }
                var c = source.Counters;
                Assert.True(c.Frames + c.Malformed + c.TooLong <= c.Lines, c.ToString());
                Assert.Equal(c.Frames, frames.Count);
                return OwnedFrame.Digest(frames);
            }

            Assert.Equal(Read(), Read());
        }, ciIterations: 150);
    }

    // A damaged container (a cut or flipped gzip or zip) is counted and ends the file; before h3 the CSV line reader let
    // GZipStream's InvalidDataException out of TryRead (aSYfjuTFz7NaNbuC2, shrunk 2DaFk9wHnRr1).
    [Fact]
    public void Damaged_csv_containers_never_throw()
    {
        var gen = Gen.Select(EventFiles.BinanceCsv, Gen.Bool, Mutation.Many(2));
        Property.Check(gen, t =>
        {
            var ((kind, _, text), zip, mutations) = t;
            var content = Encoding.UTF8.GetBytes(text);
            string name = CsvNames[kind] + (zip ? ".zip" : ".csv.gz");
            var file = Mutation.ApplyAll(zip ? EventFiles.Zip(CsvNames[kind] + ".csv", content) : EventFiles.Gzip(content), mutations);
            using var dir = new TempDir();
            File.WriteAllBytes(dir.File(name), file);

            BinanceCsvSource source;
            try
            {
                source = new BinanceCsvSource(dir.File(name), new SymbolRegistry(), CsvKinds[kind], "BTCUSDT");
            }
            catch (InvalidDataException)
            {
                return; // refused at open with a clear error: fine
            }
            using (source) while (source.TryRead(out _)) { }
        }, ciIterations: 150);
    }

    // TextFile.Open threw "zip archive holds no file" from LeanTickSource.TryRead (fAoImxxjimRNzbJ33): an empty entry is
    // now an empty file, and a day file that cannot be opened is counted (corruptFiles), never thrown.
    [Fact]
    public void A_lean_day_with_an_empty_trade_file_reads_its_quotes()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("20131007_quote.zip"), EventFiles.Zip("20131007_ibm_Quote_Tick.csv", "14400241,1800100,300,1836300,100,P,1,0\n"u8.ToArray()));
        File.WriteAllBytes(dir.File("20131007_trade.zip"), EventFiles.Zip("20131007_ibm_Trade_Tick.csv", []));

        using var source = new LeanTickSource([dir.File("20131007_quote.zip"), dir.File("20131007_trade.zip")], new SymbolRegistry());
        int events = 0;
        while (source.TryRead(out _)) events++;

        Assert.Equal(1, events);
    }

    private static byte[] NotEmpty(byte[] content) => content.Length == 0 ? "\n"u8.ToArray() : content;

    /// <summary>Reads a source to its end twice (fresh each time): identical event digests and stats, no throw,
    /// allocation within 2 MB + 64 x <paramref name="inputBytes"/>.</summary>
    private static (ulong Digest, EventSourceStats Stats) ReadTwice(Func<ICountedEventSource> open, long inputBytes)
    {
        (ulong, EventSourceStats) Once()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            using var source = open();
            var digest = new MarketEventDigest();
            while (source.TryRead(out MarketEvent e)) digest.Add(in e);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (2L << 20) + (64 * inputBytes), $"{allocated} bytes allocated reading {inputBytes}");
            return (digest.Value, source.Stats);
        }

        var (a, statsA) = Once();
        var (b, statsB) = Once();
        Assert.Equal(a, b);
        Assert.Equal(statsA.ToString(), statsB.ToString());
        return (a, statsA);
    }
}
