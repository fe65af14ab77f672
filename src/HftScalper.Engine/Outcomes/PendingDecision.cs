namespace HftScalper.Engine.Outcomes;

/// <summary>A decision waiting for its realised direction: when, the mid then, and the predicted probabilities.</summary>
public struct PendingDecision
{
    /// <summary>Exchange time of the decision in ns.</summary>
    public long TimeNs;

    /// <summary>Mid price at the decision, in ticks (may be a half tick).</summary>
    public double MidTicks;

    /// <summary>Predicted probability of Down.</summary>
    public float PDown;

    /// <summary>Predicted probability of Flat.</summary>
    public float PFlat;

    /// <summary>Predicted probability of Up.</summary>
    public float PUp;

    /// <summary>Caller's identifier (e.g. the decision's ordinal), handed back with the label.</summary>
    public long Tag;
}
