namespace HftScalper.Inference.Sequence;

/// <summary>What <see cref="WindowServer.Predict"/> did with a row.</summary>
public enum WindowResult
{
    /// <summary>The row was a new snapshot, the window was full and the model ran: fresh scores.</summary>
    Scored = 0,

    /// <summary>The row fell between two ticks of the sampling clock: the scores of the last snapshot's window.</summary>
    Held = 1,

    /// <summary>The window is filling (start, gap, resync or model swap): no scores yet.</summary>
    NotReady = 2,

    /// <summary>Unknown symbol, short or non-finite row, or a failed model run: no scores (counted).</summary>
    Invalid = 3,
}
