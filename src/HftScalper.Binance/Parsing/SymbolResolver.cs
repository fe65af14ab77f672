using System.Runtime.CompilerServices;
using System.Text;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Symbol names to registry ids for one parser. The fast path first compares the name's bytes (two 8-byte loads)
/// with the last few names it resolved, so a feed of a handful of symbols never hashes; a miss asks the registry
/// and remembers the answer. Ids and scales of a registered symbol never change, so a cached entry stays true.
/// </summary>
internal sealed unsafe class SymbolResolver
{
    private const int Ways = 8;

    private readonly SymbolRegistry _registry;
    private readonly string? _autoRegisterVenue;
    private readonly Entry[] _cache = new Entry[Ways];
    private int _next;

    public SymbolResolver(SymbolRegistry registry, string? autoRegisterVenue)
    {
        _registry = registry;
        _autoRegisterVenue = autoRegisterVenue;
    }

    /// <summary>A resolved symbol: its id and scales.</summary>
    public struct Entry
    {
        public ulong Low;
        public ulong High;
        public int Length;
        public int Id;
        public int PriceDecimals;
        public int QuantityDecimals;
    }

    /// <summary>
    /// Fast path: finds a registered symbol by its exact name bytes, without registering anything (a new symbol
    /// sends the frame to the reader path, which registers it when the options say so). False when unknown.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(byte* name, int length, byte* end, out Entry found)
    {
        if ((uint)(length - 1) < 16u && end - name >= 16)
        {
            ulong low = JsonText.Read64(name), high = JsonText.Read64(name + 8);
            if (length < 8)
            {
                low &= (1UL << (length * 8)) - 1;
                high = 0;
            }
            else if (length < 16) high &= (1UL << ((length - 8) * 8)) - 1;
            var cache = _cache;
            for (int i = 0; i < cache.Length; i++)
            {
                ref var e = ref cache[i];
                if (e.Low == low && e.High == high && e.Length == length)
                {
                    found = e;
                    return true;
                }
            }
            return Miss(name, length, low, high, out found);
        }
        return Lookup(new ReadOnlySpan<byte>(name, length), out found);
    }

    /// <summary>Finds the symbol registered with id <paramref name="id"/> (a frame that names its symbol).</summary>
    public bool TryGetById(int id, out Entry found)
    {
        found = default;
        if ((uint)id >= (uint)_registry.Count) return false;
        var info = _registry[id];
        found = new Entry { Id = id, PriceDecimals = info.PriceDecimals, QuantityDecimals = info.QuantityDecimals };
        return true;
    }

    /// <summary>Reader path: resolves a name, registering it on first sight when auto-registration is on.</summary>
    public ParseResult Resolve(ReadOnlySpan<byte> name, out int id)
    {
        if (_registry.TryGetId(name, out id)) return ParseResult.Events;
        return _autoRegisterVenue is null ? ParseResult.UnknownSymbol : RegisterSlow(name, out id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Miss(byte* name, int length, ulong low, ulong high, out Entry found)
    {
        if (!Lookup(new ReadOnlySpan<byte>(name, length), out found)) return false;
        found.Low = low;
        found.High = high;
        found.Length = length;
        _cache[_next] = found;
        _next = (_next + 1) % Ways;
        return true;
    }

    private bool Lookup(ReadOnlySpan<byte> name, out Entry found)
    {
        found = default;
        if (!_registry.TryGet(name, out var info)) return false;
        found = new Entry { Id = info!.Id, PriceDecimals = info.PriceDecimals, QuantityDecimals = info.QuantityDecimals };
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseResult RegisterSlow(ReadOnlySpan<byte> name, out int id)
    {
        id = -1;
        if (name.IsEmpty || name.Length > 32) return ParseResult.UnknownSymbol;
        foreach (byte b in name)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_' || b == (byte)'-')) return ParseResult.UnknownSymbol;
        // Known symbols get their exchange scales; the rest the generic 8/8.
        // A full registry (SymbolRegistry.MaxSymbols) refuses and counts the name: the frame is rejected, not the run.
        var info = KnownSymbols.TryRegister(_registry, _autoRegisterVenue!, Encoding.ASCII.GetString(name));
        if (info is null) return ParseResult.TooManySymbols;
        id = info.Id;
        return ParseResult.Events;
    }
}
