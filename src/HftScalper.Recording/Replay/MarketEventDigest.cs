using System.IO.Hashing;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;

namespace HftScalper.Recording.Replay;

/// <summary>
/// A stable 64-bit fingerprint of a market event stream (XxHash3 over each event's 64 bytes, in order): two replays
/// of the same input give the same digest, any change in any field or in the order changes it.
/// </summary>
internal sealed class MarketEventDigest
{
    private readonly XxHash3 _hash = new();

    /// <summary>Events added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one event. Allocation-free.</summary>
    public void Add(in MarketEvent ev)
    {
        _hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(in ev)));
        Count++;
    }

    /// <summary>Adds a batch of events.</summary>
    public void Add(ReadOnlySpan<MarketEvent> events)
    {
        _hash.Append(MemoryMarshal.AsBytes(events));
        Count += events.Length;
    }

    /// <summary>The digest of everything added so far.</summary>
    public ulong Value => _hash.GetCurrentHashAsUInt64();

    /// <summary>The digest as 16 lower-case hex digits.</summary>
    public string Hex => Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
