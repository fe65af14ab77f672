namespace HftScalper.Inference.Online;

/// <summary>The two arms of an A/B split: the live (frozen) model or the candidate (the online layer).</summary>
public enum AbArm : byte
{
    /// <summary>The live model serves the decision.</summary>
    Live = 0,

    /// <summary>The candidate serves the decision.</summary>
    Candidate = 1,
}
