namespace HftScalper.Inference.Onnx;

/// <summary>What the last layer of a neural model applies to its scores.</summary>
public enum OutputActivation
{
    /// <summary>Raw values (regression, or logits).</summary>
    None = 0,

    /// <summary>Softmax over the last axis (class probabilities).</summary>
    Softmax = 1,
}
