using Microsoft.Extensions.Logging;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Logs risk verdict counts off the hot path: call <see cref="LogIfDue"/> from a timer or the metrics sampler
/// thread; at most one line per interval, naming only the verdicts whose counters moved, plus one warning line
/// when the kill switch trips. The risk thread itself only increments counters.
/// </summary>
internal sealed class RiskVerdictLogger
{
    private static readonly Action<ILogger, string, Exception?> LogCounts = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(7101, "RiskVerdicts"), "Risk verdicts since last report: {Counts}");
    private static readonly Action<ILogger, long, Exception?> LogHalt = LoggerMessage.Define<long>(
        LogLevel.Warning, new EventId(7102, "RiskKillSwitch"), "Risk kill switch tripped at {TimeNs} ns: halted and flattening");

    private readonly RiskManager _risk;
    private readonly ILogger _logger;
    private readonly long _intervalNs;
    private readonly long[] _last = new long[RiskCounters.VerdictCount];
    private readonly long[] _now = new long[RiskCounters.VerdictCount];
    private long _lastLogNs = long.MinValue;
    private bool _haltLogged;

    /// <summary>Logs at most once per <paramref name="intervalNs"/> (of whatever clock the caller passes).</summary>
    public RiskVerdictLogger(RiskManager risk, ILogger logger, long intervalNs = 10_000_000_000)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNs);
        _risk = risk;
        _logger = logger;
        _intervalNs = intervalNs;
    }

    /// <summary>Writes the changed counters if the interval has passed; true when a line was written.</summary>
    public bool LogIfDue(long nowNs)
    {
        if (_risk.IsHalted && !_haltLogged)
        {
            _haltLogged = true;
            LogHalt(_logger, _risk.HaltedAtNs, null);
        }
        else if (!_risk.IsHalted) _haltLogged = false;
        if (_lastLogNs != long.MinValue && nowNs - _lastLogNs < _intervalNs) return false;
        _risk.Counters.CopyTo(_now);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < _now.Length; i++)
        {
            long delta = _now[i] - _last[i];
            if (delta == 0) continue;
            if (text.Length > 0) text.Append(", ");
            text.Append((RiskVerdict)i).Append('=').Append(delta);
        }
        _now.CopyTo(_last, 0);
        _lastLogNs = nowNs;
        if (text.Length == 0) return false;
        LogCounts(_logger, text.ToString(), null);
        return true;
    }
}
