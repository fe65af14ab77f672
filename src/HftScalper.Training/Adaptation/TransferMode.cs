namespace HftScalper.Training.Adaptation;

/// <summary>How a thin symbol's retrain uses what was learnt on other symbols (<see cref="AdaptationOptions.Transfer"/>).</summary>
public enum TransferMode
{
    /// <summary>Its own recent samples pooled with the other adapted symbols', trained from scratch (<c>--transfer pool</c>).</summary>
    Pool = 0,

    /// <summary>The shared model it starts from, fine-tuned on its own recent samples (<c>--transfer warm-start</c>):
    /// the candidate is the shared model's trees plus trees fitted to its residuals on this symbol.</summary>
    WarmStart = 1,
}
