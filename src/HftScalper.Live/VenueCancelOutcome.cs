namespace HftScalper.Live;

/// <summary>What the venue answered to a cancel of one order by its client order id (<see cref="ILiveVenue.CancelOrderAsync"/>).</summary>
public enum VenueCancelOutcome
{
    /// <summary>Cancelled now.</summary>
    Cancelled = 1,

    /// <summary>The venue has no open order of that id (-2011/-2013: filled, cancelled already, or never arrived).</summary>
    NotOpen = 2,

    /// <summary>The venue answered and refused the cancel (the order stays open).</summary>
    Refused = 3,

    /// <summary>No answer (timeout, disconnect, 5XX): the order's state is unknown.</summary>
    Unanswered = 4,
}
