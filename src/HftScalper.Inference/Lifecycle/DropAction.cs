namespace HftScalper.Inference.Lifecycle;

/// <summary>What a valid file dropped into the models folder becomes.</summary>
public enum DropAction
{
    /// <summary>It goes live at once (the previous model is kept for rollback).</summary>
    Promote = 0,

    /// <summary>It becomes the shadow candidate, scored beside the live model until promoted.</summary>
    Shadow = 1,
}
