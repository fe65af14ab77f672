using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// A stable 64-bit fingerprint of every decision the strategy made (XxHash3 over a fixed-layout record per
/// decision): the same recording and the same model give the same digest on every run, in any topology.
/// </summary>
internal sealed class DecisionDigest
{
    private readonly XxHash3 _hash = new();

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct Entry
    {
        public long Sequence;
        public long ExchangeTimeNs;
        public int SymbolId;
        public uint ConfidenceBits;
        public long OrderPrice;
        public long OrderQuantity;
        public sbyte Direction;
        public byte Source;
        public byte Verdict;
        public byte OrderSide;
    }

    /// <summary>Decisions added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one decision: what was wanted, what risk said, and the order sent (0/0 when none). No allocation.</summary>
    public void Add(long sequence, long exchangeTimeNs, int symbolId, sbyte direction, byte source, float confidence,
        byte verdict, byte orderSide, long orderPrice, long orderQuantity)
    {
        var e = new Entry
        {
            Sequence = sequence, ExchangeTimeNs = exchangeTimeNs, SymbolId = symbolId,
            ConfidenceBits = BitConverter.SingleToUInt32Bits(confidence), Direction = direction, Source = source,
            Verdict = verdict, OrderSide = orderSide, OrderPrice = orderPrice, OrderQuantity = orderQuantity,
        };
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<Entry>(in e)));
        Count++;
    }

    /// <summary>The digest so far.</summary>
    public ulong Value => _hash.GetCurrentHashAsUInt64();

    /// <summary>The digest as 16 lower-case hex digits.</summary>
    public string Hex => Value.ToString("x16", CultureInfo.InvariantCulture);
}
