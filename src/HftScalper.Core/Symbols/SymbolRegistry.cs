using System.Runtime.CompilerServices;
using System.Text;

namespace HftScalper.Core.Symbols;

/// <summary>
/// Maps symbol names to dense ids and holds their scales. Registration takes a lock and costs O(1) amortised
/// (doubling arrays, never a copy per symbol); lookups by UTF-8 name are lock-free and allocation-free,
/// case-insensitive, for the parser's hot path. At most <see cref="MaxSymbols"/> symbols per registry (per run):
/// a crafted recording naming more cannot make it grow without bound; the extra ones are refused and counted in
/// <see cref="Refused"/>.
/// </summary>
public sealed class SymbolRegistry
{
    /// <summary>Scale used for a Binance symbol whose filters are unknown: Binance prints every price and
    /// quantity with at most 8 decimals, so 10^-8 units always parse exactly.</summary>
    public const int DefaultDecimals = 8;

    /// <summary>Default of <see cref="MaxSymbols"/>: 10,000 symbols per run (Binance lists about 3,000 across spot
    /// and futures), so a recording of 20,000 made-up names stops registering at 10,000.</summary>
    public const int DefaultMaxSymbols = 10_000;

    private readonly Lock _writeLock = new();

    // Readers see arrays that only grow: a slot is written before it is published (Volatile.Write of _count for
    // the id array, of the slot itself for the hash index), and a bigger array is published before its slots are.
    private SymbolInfo[] _symbols = new SymbolInfo[8];
    private int _count;
    // Open addressing, linear probing, keyed by the FNV hash of the upper-case name: id + 1 per slot, 0 = empty.
    // At most half full; rebuilt at double the size (and published whole) when it would pass that.
    private int[] _index = new int[16];
    private long _refused;

    /// <summary>Creates a registry that holds at most <paramref name="maxSymbols"/> symbols.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSymbols"/> is below 1.</exception>
    public SymbolRegistry(int maxSymbols = DefaultMaxSymbols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbols, 1);
        MaxSymbols = maxSymbols;
    }

    /// <summary>Most symbols this registry accepts; registering one more is refused (<see cref="TryRegister"/>
    /// returns null, <see cref="Register"/> throws) and counted in <see cref="Refused"/>.</summary>
    public int MaxSymbols { get; }

    /// <summary>New symbols refused because the registry already held <see cref="MaxSymbols"/>.</summary>
    public long Refused => Volatile.Read(ref _refused);

    /// <summary>Number of registered symbols.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>All registered symbols, ordered by id (a copy: configuration and report paths).</summary>
    public IReadOnlyList<SymbolInfo> All
    {
        get
        {
            int n = Volatile.Read(ref _count);
            return Volatile.Read(ref _symbols).AsSpan(0, n).ToArray();
        }
    }

    /// <summary>The symbol with id <paramref name="id"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">No symbol has that id.</exception>
    public SymbolInfo this[int id]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)id >= (uint)Volatile.Read(ref _count)) ThrowBadId(id);
            return Volatile.Read(ref _symbols)[id];
        }
    }

    /// <summary>
    /// Registers a symbol, or returns the existing one with the same name (its scales must then agree).
    /// <paramref name="quoteAsset"/> is its <see cref="SymbolInfo.QuoteAsset"/> (null = not stated), <paramref name="maxQuantity"/>
    /// its <see cref="SymbolInfo.MaxQuantity"/> (0 = none known).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or not ASCII, or already registered with other scales.</exception>
    /// <exception cref="InvalidOperationException">The registry already holds <see cref="MaxSymbols"/> symbols.</exception>
    public SymbolInfo Register(string name, string venue, int priceDecimals, int quantityDecimals,
        long tickSize = 1, long lotSize = 1, long minNotional = 0, long minQuantity = 0, string? quoteAsset = null, long maxQuantity = 0) =>
        TryRegister(name, venue, priceDecimals, quantityDecimals, tickSize, lotSize, minNotional, minQuantity, quoteAsset, maxQuantity)
        ?? throw new InvalidOperationException(
            $"symbol registry full: '{name}' refused, a run holds at most {MaxSymbols} symbols ({Refused} refused so far)");

    /// <summary>
    /// Like <see cref="Register"/>, but returns null instead of throwing when the registry is full (the refusal is
    /// counted in <see cref="Refused"/>): for paths that register names found in input data.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or not ASCII, or already registered with other scales.</exception>
    public SymbolInfo? TryRegister(string name, string venue, int priceDecimals, int quantityDecimals,
        long tickSize = 1, long lotSize = 1, long minNotional = 0, long minQuantity = 0, string? quoteAsset = null, long maxQuantity = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)priceDecimals, (uint)Numerics.FixedPoint.MaxDecimals, nameof(priceDecimals));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)quantityDecimals, (uint)Numerics.FixedPoint.MaxDecimals, nameof(quantityDecimals));
        if (!Ascii.IsValid(name)) throw new ArgumentException($"symbol '{name}' is not ASCII", nameof(name));
        string upper = name.ToUpperInvariant();
        Span<byte> buffer = upper.Length <= 64 ? stackalloc byte[upper.Length] : new byte[upper.Length];
        Encoding.ASCII.GetBytes(upper, buffer);
        ulong h = Hash(buffer);
        lock (_writeLock)
        {
            int existing = Find(_index, buffer, h);
            if (existing >= 0)
            {
                var s = _symbols[existing];
                if (s.PriceDecimals != priceDecimals || s.QuantityDecimals != quantityDecimals)
                    throw new ArgumentException($"symbol '{upper}' already registered with scales {s.PriceDecimals}/{s.QuantityDecimals}");
                return s;
            }
            int id = _count;
            if (id >= MaxSymbols)
            {
                Volatile.Write(ref _refused, _refused + 1);
                return null;
            }
            var info = new SymbolInfo(id, upper, venue, priceDecimals, quantityDecimals, tickSize, lotSize, minNotional, minQuantity,
                quoteAsset?.ToUpperInvariant(), maxQuantity);
            var symbols = _symbols;
            if (id == symbols.Length)
            {
                // Doubling: the copy is paid once per doubling, O(1) amortised per symbol.
                var bigger = new SymbolInfo[symbols.Length * 2];
                symbols.AsSpan().CopyTo(bigger);
                symbols = bigger;
            }
            symbols[id] = info;
            Volatile.Write(ref _symbols, symbols);
            Volatile.Write(ref _count, id + 1);
            var index = _index;
            if ((id + 1) * 2 > index.Length)
            {
                index = Rebuild(symbols, id + 1, index.Length * 2);
                Volatile.Write(ref _index, index);
            }
            else Insert(index, h, id);
            return info;
        }
    }

    /// <summary>
    /// A new registry holding this one's first <paramref name="count"/> symbols (same ids, same <see cref="SymbolInfo"/>
    /// objects, same <see cref="MaxSymbols"/>): a fixed symbol set for components that size themselves by
    /// <see cref="Count"/> once, built while a producer thread may go on registering here (a trading session over the
    /// symbols a run started with). What is registered here later never reaches the copy. Any thread; allocates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="Count"/>.</exception>
    public SymbolRegistry Prefix(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        // Count was read first: the array read after it holds at least that many published slots.
        var symbols = Volatile.Read(ref _symbols);
        var copy = new SymbolRegistry(MaxSymbols);
        int size = copy._symbols.Length, indexSize = copy._index.Length;
        while (size < count) size *= 2;
        while (count * 2 > indexSize) indexSize *= 2; // at most half full, as TryRegister keeps it
        copy._symbols = new SymbolInfo[size];
        symbols.AsSpan(0, count).CopyTo(copy._symbols);
        copy._index = Rebuild(copy._symbols, count, indexSize);
        copy._count = count;
        return copy;
    }

    /// <summary>Looks a symbol up by name, case-insensitively. Allocation-free.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8Name, out SymbolInfo? symbol)
    {
        int id = Find(Volatile.Read(ref _index), utf8Name, Hash(utf8Name));
        if (id >= 0)
        {
            symbol = Volatile.Read(ref _symbols)[id];
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

    // The id of the symbol named utf8Name, or -1. Probes until an empty slot; compares names, not only hashes.
    // The symbol array is read after the slot: the slot was published after the array that holds its symbol.
    private int Find(int[] index, ReadOnlySpan<byte> utf8Name, ulong h)
    {
        int mask = index.Length - 1;
        for (int i = (int)h & mask; ; i = (i + 1) & mask)
        {
            int slot = Volatile.Read(ref index[i]);
            if (slot == 0) return -1;
            if (EqualsIgnoreCase(Volatile.Read(ref _symbols)[slot - 1].Name, utf8Name)) return slot - 1;
        }
    }

    private static void Insert(int[] index, ulong h, int id)
    {
        int mask = index.Length - 1;
        int i = (int)h & mask;
        while (index[i] != 0) i = (i + 1) & mask;
        Volatile.Write(ref index[i], id + 1);
    }

    private static int[] Rebuild(SymbolInfo[] symbols, int count, int size)
    {
        var index = new int[size];
        for (int id = 0; id < count; id++) Insert(index, Hash(symbols[id].Name), id);
        return index;
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

    private static ulong Hash(string upper)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in upper) h = (h ^ (byte)c) * 1099511628211UL;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadId(int id) => throw new IndexOutOfRangeException($"no symbol has id {id}");
}
