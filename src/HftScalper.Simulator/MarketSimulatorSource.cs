using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Simulator.Model;

namespace HftScalper.Simulator;

/// <summary>
/// The built-in market: an <see cref="IRawFrameSource"/> that generates Binance combined-stream frames
/// (depth@100ms diffs, bookTicker, trade) plus one REST depth snapshot per symbol, from a calibrated
/// order-book simulation. Replay uses it when given no data. Deterministic: the same options give the same
/// frames byte for byte. Frames of several symbols are merged in local-time order. Generation reuses its
/// buffers, so reading allocates nothing per frame in steady state.
/// </summary>
public sealed class MarketSimulatorSource : IRawFrameSource
{
    private readonly SymbolSimulator[] _symbols;
    private readonly int[] _symbolIds;
    private readonly long _startNs, _durationNs;
    private long _lastNs; // local time of the last frame handed out: the progress meter reads it (one store per frame)

    /// <summary>Creates the source. Each symbol's book is seeded and warmed up here (about 120 simulated seconds
    /// of order flow, a few milliseconds), so the first frames already show a stationary book.</summary>
    /// <param name="options">What to simulate.</param>
    /// <param name="registry">Registry giving the symbol ids of snapshot frames; symbols missing from it are
    /// registered as binance-spot with the profile's price and quantity decimals. Null: ids are 0, 1, ...</param>
    public MarketSimulatorSource(SimulatorOptions options, SymbolRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Symbols.Count == 0) throw new ArgumentException("no symbol to simulate", nameof(options));
        Options = options;
        _symbols = new SymbolSimulator[options.Symbols.Count];
        _symbolIds = new int[options.Symbols.Count];
        ulong seedState = options.Seed;
        long durationNs = (long)(options.Duration.TotalMilliseconds * 1_000_000);
        var seeds = new ulong[_symbols.Length];
        for (int i = 0; i < seeds.Length; i++) seeds[i] = Xoshiro256StarStar.SplitMix64(ref seedState);
        long ChangeAt(SymbolProfile p) => options.RegimeChangeAt is { } at && options.Switches(p.Symbol) ? (long)(at.TotalMilliseconds * 1_000_000) : long.MaxValue;
        int leader = LeaderIndex(options);
        for (int i = 0; i < _symbols.Length; i++)
        {
            var p = options.Symbols[i];
            _symbols[i] = new SymbolSimulator(p, seeds[i], options.StartEpochNs, durationNs, ChangeAt(p), options.LatentValue);
            if (leader >= 0 && i != leader)
            {
                // A follower reads a private replica of the leader (same profile, seed, change): the leader's stream stays untouched.
                var lp = options.Symbols[leader];
                _symbols[i].Follow(new LeaderTape(new SymbolSimulator(lp, seeds[leader], options.StartEpochNs, durationNs, ChangeAt(lp), options.LatentValue)), options.LeadLag!);
            }
            _symbolIds[i] = registry is null ? i
                : registry.TryGet(p.Symbol, out var s) ? s!.Id
                : registry.Register(p.Symbol, "binance-spot", p.PriceDecimals, p.QuantityDecimals).Id;
        }
        _startNs = _lastNs = options.StartEpochNs;
        _durationNs = durationNs;
        Core.Feeds.InputProgress.Current?.TrackGenerated(() => GeneratedFraction);
        Description = $"simulator seed={options.Seed} symbols={string.Join(',', options.Symbols.Select(s => s.Symbol))} duration={options.Duration}"
            + (options.RegimeChangeAt is { } change ? $" regime-change-at={change}" : "")
            + (options.RegimeChangeAt is not null && options.SwitchSymbols is { } only ? $" switching={string.Join(',', only)}" : "")
            + (options.LeadLag is { } lead ? FormattableString.Invariant($" lead-lag={lead.Leader}:{lead.Strength}:{lead.Delay.TotalMilliseconds}ms") : "")
            + (options.LatentValue is { } v ? FormattableString.Invariant($" latent-value={v.VolatilityBps}bps") : "");
    }

    private static int LeaderIndex(SimulatorOptions options)
    {
        if (options.LeadLag is not { } lead) return -1;
        lead.Validate();
        for (int i = 0; i < options.Symbols.Count; i++)
            if (string.Equals(options.Symbols[i].Symbol, lead.Leader, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"lead-lag leader {lead.Leader} is not one of the simulated symbols ({string.Join(',', options.Symbols.Select(s => s.Symbol))})");
    }

    /// <summary>Creates the default source (<see cref="SimulatorOptions.Default"/>).</summary>
    public MarketSimulatorSource() : this(SimulatorOptions.Default) { }

    /// <summary>The options this source runs.</summary>
    public SimulatorOptions Options { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Frames returned so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Share of the simulated duration generated so far, 0 to 1 (read from any thread; for progress).</summary>
    public double GeneratedFraction => _durationNs <= 0 ? 1 : Math.Clamp((double)(Volatile.Read(ref _lastNs) - _startNs) / _durationNs, 0, 1);

    /// <summary>Book events (update ids) generated so far over all symbols.</summary>
    public long BookEvents
    {
        get
        {
            long n = 0;
            foreach (var s in _symbols) n += s.Events;
            return n;
        }
    }

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        int best = -1;
        long bestTime = long.MaxValue;
        for (int i = 0; i < _symbols.Length; i++)
        {
            // Strict '<' keeps ties in symbol order, so the merge is deterministic.
            if (_symbols[i].TryPeek(out long t) && t < bestTime)
            {
                bestTime = t;
                best = i;
            }
        }
        if (best < 0)
        {
            frame = default;
            return false;
        }
        frame = _symbols[best].Take(_symbolIds[best]);
        FramesRead++;
        _lastNs = bestTime;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
