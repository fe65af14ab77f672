using System.Runtime.CompilerServices;
using System.Text;

namespace HftScalper.Core.Symbols;

/// <summary>
/// Maps symbol names to dense ids and holds their scales. Registration happens at start-up (it allocates and
/// takes a lock); lookups by UTF-8 name are lock-free and allocation-free, case-insensitive, for the parser's
/// hot path.
/// </summary>
public sealed class SymbolRegistry
{
    /// <summary>Scale used for a Binance symbol whose filters are unknown: Binance prints every price and
    /// quantity with at most 8 decimals, so 10^-8 units always parse exactly.</summary>
    public const int DefaultDecimals = 8;

    private readonly Lock _writeLock = new();

    // Copy-on-write snapshot: readers see either the old or the new table, never a half-built one.
    private Table _table = new([], new Dictionary<ulong, int>());

    private sealed record Table(SymbolInfo[] Symbols, Dictionary<ulong, int> ByHash);

    /// <summary>Number of registered symbols.</summary>
    public int Count => Volatile.Read(ref _table).Symbols.Length;

    /// <summary>All registered symbols, ordered by id.</summary>
    public IReadOnlyList<SymbolInfo> All => Volatile.Read(ref _table).Symbols;

    /// <summary>The symbol with id <paramref name="id"/>.</summary>
    public SymbolInfo this[int id] => Volatile.Read(ref _table).Symbols[id];

    /// <summary>
    /// Registers a symbol, or returns the existing one with the same name (its scales must then agree).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or not ASCII, or already registered with other scales.</exception>
    public SymbolInfo Register(string name, string venue, int priceDecimals, int quantityDecimals,
        long tickSize = 1, long lotSize = 1, long minNotional = 0, long minQuantity = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)priceDecimals, (uint)Numerics.FixedPoint.MaxDecimals, nameof(priceDecimals));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)quantityDecimals, (uint)Numerics.FixedPoint.MaxDecimals, nameof(quantityDecimals));
        if (!Ascii.IsValid(name)) throw new ArgumentException($"symbol '{name}' is not ASCII", nameof(name));
        string upper = name.ToUpperInvariant();
        lock (_writeLock)
        {
            var t = _table;
            ulong h = Hash(Encoding.ASCII.GetBytes(upper));
            if (t.ByHash.TryGetValue(h, out int existing))
            {
                var s = t.Symbols[existing];
                if (s.Name != upper) throw new ArgumentException($"symbol '{upper}' collides with '{s.Name}'");
                if (s.PriceDecimals != priceDecimals || s.QuantityDecimals != quantityDecimals)
                    throw new ArgumentException($"symbol '{upper}' already registered with scales {s.PriceDecimals}/{s.QuantityDecimals}");
                return s;
            }
            var info = new SymbolInfo(t.Symbols.Length, upper, venue, priceDecimals, quantityDecimals, tickSize, lotSize, minNotional, minQuantity);
            var symbols = new SymbolInfo[t.Symbols.Length + 1];
            t.Symbols.CopyTo(symbols, 0);
            symbols[^1] = info;
            var byHash = new Dictionary<ulong, int>(t.ByHash) { [h] = info.Id };
            Volatile.Write(ref _table, new Table(symbols, byHash));
            return info;
        }
    }

    /// <summary>Looks a symbol up by name, case-insensitively. Allocation-free.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8Name, out SymbolInfo? symbol)
    {
        var t = Volatile.Read(ref _table);
        if (t.ByHash.TryGetValue(Hash(utf8Name), out int id) && EqualsIgnoreCase(t.Symbols[id].Name, utf8Name))
        {
            symbol = t.Symbols[id];
            return true;
        }
        symbol = null;
        return false;
    }

    /// <summary>Looks a symbol's id up by name, case-insensitively. Allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetId(ReadOnlySpan<byte> utf8Name, out int id)
    {
        bool found = TryGet(utf8Name, out var s);
        id = found ? s!.Id : -1;
        return found;
    }

    /// <summary>Looks a symbol up by name (configuration paths).</summary>
    public bool TryGet(string name, out SymbolInfo? symbol)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(Encoding.ASCII.GetBytes(name), out symbol);
    }

    // FNV-1a over upper-cased ASCII: stable across runs (unlike string.GetHashCode), so ids never depend on it.
    private static ulong Hash(ReadOnlySpan<byte> name)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in name)
        {
            byte c = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    private static bool EqualsIgnoreCase(string upper, ReadOnlySpan<byte> utf8)
    {
        if (upper.Length != utf8.Length) return false;
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            byte c = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
            if (c != upper[i]) return false;
        }
        return true;
    }
}
