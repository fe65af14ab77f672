using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace HftScalper.Trading.Signals;

/// <summary>
/// Picks, per decision, the model's signal when the model is usable and the rule-based fallback otherwise (no
/// model loaded, degraded monitor, failed run, non-finite outputs). Each change of source for a symbol is logged
/// once (one line naming the reason) and counted; staying on a source costs nothing extra. Both scorers share one
/// <see cref="DirectionHysteresis"/>, so a switch keeps the held direction and its cool-down. When the fallback
/// cannot score the row either, the signal is Flat with source <see cref="SignalSource.None"/> (counted).
/// One writer thread; no allocation per call (logging happens only on a switch).
/// </summary>
public sealed class SignalRouter
{
    private static readonly Action<ILogger, string, string, Exception?> LogToFallback = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(7001, "SignalFallbackEngaged"), "Signal {Symbol}: switched to the rule-based fallback ({Reason})");
    private static readonly Action<ILogger, string, Exception?> LogToModel = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(7002, "SignalModelRestored"), "Signal {Symbol}: switched back to the model");

    private readonly bool[] _onFallback;
    private readonly long[] _fallbackByReason = new long[5];
    private readonly ILogger _logger;
    private readonly Func<int, string> _symbolName;
    private long _toFallback, _toModel, _modelSignals, _fallbackSignals, _noSignal, _warming, _modelGated;

    /// <summary>
    /// Creates a router over <paramref name="model"/> and <paramref name="fallback"/>, which must share one
    /// <see cref="DirectionHysteresis"/>. <paramref name="symbolName"/> names symbols in log lines (default <c>#id</c>).
    /// </summary>
    public SignalRouter(SignalGenerator model, FallbackSignal fallback, ILogger logger, Func<int, string>? symbolName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(logger);
        if (!ReferenceEquals(model.Hysteresis, fallback.Hysteresis))
            throw new ArgumentException("the model generator and the fallback must share one DirectionHysteresis (a switch must keep the held direction)");
        Model = model;
        Fallback = fallback;
        _logger = logger;
        _symbolName = symbolName ?? (id => "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _onFallback = new bool[model.Hysteresis.SymbolCapacity];
    }

    /// <summary>The model-driven generator.</summary>
    public SignalGenerator Model { get; }

    /// <summary>The rule-based fallback.</summary>
    public FallbackSignal Fallback { get; }

    /// <summary>Switches from the model to the fallback (all symbols).</summary>
    public long SwitchesToFallback => Volatile.Read(ref _toFallback);

    /// <summary>Switches from the fallback back to the model (all symbols).</summary>
    public long SwitchesToModel => Volatile.Read(ref _toModel);

    /// <summary>Switches in either direction.</summary>
    public long Switches => SwitchesToFallback + SwitchesToModel;

    /// <summary>Signals made by the model (or ensemble).</summary>
    public long ModelSignals => Volatile.Read(ref _modelSignals);

    /// <summary>Signals made by the fallback.</summary>
    public long FallbackSignals => Volatile.Read(ref _fallbackSignals);

    /// <summary>Fallback signals made while the model was healthy, its expected move gating them
    /// (<see cref="DirectionSource.Fallback"/>; included in <see cref="FallbackSignals"/>).</summary>
    public long ModelGatedFallbackSignals => Volatile.Read(ref _modelGated);

    /// <summary>Decisions where neither source could score the row (Flat, source None).</summary>
    public long NoSignal => Volatile.Read(ref _noSignal);

    /// <summary>Decisions a warming sequence model had no prediction for (Flat, source None, no fallback).</summary>
    public long WarmingDecisions => Volatile.Read(ref _warming);

    /// <summary>Fallback decisions by reason.</summary>
    public long FallbackDecisions(ModelAvailability reason) => (uint)reason < (uint)_fallbackByReason.Length ? Volatile.Read(ref _fallbackByReason[(int)reason]) : 0;

    /// <summary>True when <paramref name="symbolId"/>'s last decision came from the fallback.</summary>
    public bool IsOnFallback(int symbolId) => _onFallback[symbolId];

    /// <summary>
    /// Routes one decision. <paramref name="probabilities"/> is the model's (or ensemble's) row, read only when
    /// <paramref name="availability"/> is <see cref="ModelAvailability.Healthy"/>; <paramref name="features"/> is the
    /// decision's feature row. A <see cref="ModelAvailability.Warming"/> model gets a Flat signal of source
    /// <see cref="SignalSource.None"/>: no prediction and no fallback guess (counted, the hysteresis untouched).
    /// Returns the source of the signal written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SignalSource Route(int symbolId, ModelAvailability availability, ReadOnlySpan<float> probabilities,
        ReadOnlySpan<float> features, in DecisionStamp stamp, out Signal signal, SignalSource modelSource = SignalSource.Model)
    {
        if (availability == ModelAvailability.Healthy)
        {
            if (Model.FromModel(symbolId, probabilities, stamp, out signal, modelSource))
            {
                if (_onFallback[symbolId]) SwitchToModel(symbolId);
                Volatile.Write(ref _modelSignals, _modelSignals + 1);
                return modelSource;
            }
            availability = ModelAvailability.InvalidOutput;
        }
        else if (availability == ModelAvailability.Warming) return Warming(symbolId, stamp, out signal);
        return RouteToFallback(symbolId, availability, features, stamp, out signal);
    }

    /// <summary>
    /// Routes one decision of a healthy model to the rule-based fallback (<see cref="DirectionSource.Fallback"/>: the
    /// fallback picks the direction, the model's expected move gates its entries in risk). Counted with the fallback's
    /// signals (and in <see cref="ModelGatedFallbackSignals"/>), not as a switch away from the model: nothing failed.
    /// When the fallback cannot score the row the signal is Flat with source <see cref="SignalSource.None"/> (counted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SignalSource RouteFallbackDirection(int symbolId, ReadOnlySpan<float> features, in DecisionStamp stamp, out Signal signal)
    {
        if (!Fallback.Evaluate(symbolId, features, stamp, out signal))
        {
            Volatile.Write(ref _noSignal, _noSignal + 1);
            return SignalSource.None;
        }
        Volatile.Write(ref _fallbackSignals, _fallbackSignals + 1);
        Volatile.Write(ref _modelGated, _modelGated + 1);
        return SignalSource.Fallback;
    }

    private SignalSource Warming(int symbolId, in DecisionStamp stamp, out Signal signal)
    {
        signal = default;
        signal.SymbolId = symbolId;
        signal.TimeNs = stamp.ExchangeTimeNs;
        signal.EventLocalTimeNs = stamp.LocalTimeNs;
        signal.Sequence = stamp.Sequence;
        Volatile.Write(ref _warming, _warming + 1);
        return SignalSource.None;
    }

    private SignalSource RouteToFallback(int symbolId, ModelAvailability reason, ReadOnlySpan<float> features, in DecisionStamp stamp, out Signal signal)
    {
        if (!Fallback.Evaluate(symbolId, features, stamp, out signal))
        {
            Volatile.Write(ref _noSignal, _noSignal + 1);
            return SignalSource.None;
        }
        if (!_onFallback[symbolId]) SwitchToFallback(symbolId, reason);
        Volatile.Write(ref _fallbackByReason[(int)reason], _fallbackByReason[(int)reason] + 1);
        Volatile.Write(ref _fallbackSignals, _fallbackSignals + 1);
        return SignalSource.Fallback;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SwitchToFallback(int symbolId, ModelAvailability reason)
    {
        _onFallback[symbolId] = true;
        Volatile.Write(ref _toFallback, _toFallback + 1);
        // Guarded: naming the symbol allocates, which a disabled log level must not pay on every switch.
        if (_logger.IsEnabled(LogLevel.Warning)) LogToFallback(_logger, _symbolName(symbolId), Describe(reason), null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SwitchToModel(int symbolId)
    {
        _onFallback[symbolId] = false;
        Volatile.Write(ref _toModel, _toModel + 1);
        if (_logger.IsEnabled(LogLevel.Information)) LogToModel(_logger, _symbolName(symbolId), null);
    }

    private static string Describe(ModelAvailability reason) => reason switch
    {
        ModelAvailability.NotLoaded => "no model loaded",
        ModelAvailability.Degraded => "model degraded",
        ModelAvailability.RunFailed => "model run failed",
        ModelAvailability.InvalidOutput => "model output not finite or not probabilities",
        _ => reason.ToString(),
    };
}
