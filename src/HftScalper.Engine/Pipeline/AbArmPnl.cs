using HftScalper.Inference.Online;
using HftScalper.Trading.Risk;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The run's PnL split by A/B arm (<c>--adapt-ab</c>): an <see cref="IRunObserver"/> in front of the run's observer
/// (everything is passed on unchanged). A round trip belongs to the arm that served the decision which opened it: the
/// first decision of its symbol that sent an order since the symbol's previous round trip closed
/// (<see cref="AbModelSource.ArmServed"/>). Every round trip is counted in exactly one arm, so the arms' net PnL sum to
/// the round trips' total. Strategy thread; no allocation per call.
/// </summary>
public sealed class AbArmPnl : IRunObserver
{
    private readonly AbModelSource _source;
    private readonly IRunObserver? _inner;
    private readonly AbArm[] _openedBy;
    private readonly bool[] _open;
    private double _livePnl, _candidatePnl;
    private long _liveTrips, _candidateTrips;

    /// <summary>Splits the round trips of a run served by <paramref name="source"/>, passing every call on to <paramref name="inner"/>.</summary>
    public AbArmPnl(AbModelSource source, IRunObserver? inner, int maxSymbols = 4096)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _inner = inner;
        _openedBy = new AbArm[maxSymbols];
        _open = new bool[maxSymbols];
    }

    /// <summary>Net PnL (quote currency, after fees) of the round trips opened on the live model's decisions.</summary>
    public double LiveNetPnl => _livePnl;

    /// <summary>Net PnL of the round trips opened on the candidate's decisions.</summary>
    public double CandidateNetPnl => _candidatePnl;

    /// <summary>Round trips opened on the live model's decisions.</summary>
    public long LiveRoundTrips => _liveTrips;

    /// <summary>Round trips opened on the candidate's decisions.</summary>
    public long CandidateRoundTrips => _candidateTrips;

    /// <inheritdoc />
    public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores)
    {
        int s = outcome.SymbolId;
        if (outcome.Verdict == RiskVerdict.Accept && (uint)s < (uint)_open.Length && !_open[s])
        {
            _open[s] = true;
            _openedBy[s] = _source.ArmServed(s, outcome.ExchangeTimeNs);
        }
        _inner?.OnDecision(outcome, scores);
    }

    /// <inheritdoc />
    public void OnFeatures(in DecisionOutcome outcome, ReadOnlySpan<float> features, ReadOnlySpan<float> scores) =>
        _inner?.OnFeatures(outcome, features, scores);

    /// <inheritdoc />
    public void OnRoundTrip(in RoundTrip trip)
    {
        int s = trip.SymbolId;
        var arm = (uint)s < (uint)_open.Length && _open[s] ? _openedBy[s] : AbArm.Live;
        if ((uint)s < (uint)_open.Length) _open[s] = false;
        if (arm == AbArm.Candidate)
        {
            _candidatePnl += trip.NetPnl;
            _candidateTrips++;
        }
        else
        {
            _livePnl += trip.NetPnl;
            _liveTrips++;
        }
        _inner?.OnRoundTrip(trip);
    }

    /// <inheritdoc />
    public void OnWarmupEnded() => _inner?.OnWarmupEnded();
}
