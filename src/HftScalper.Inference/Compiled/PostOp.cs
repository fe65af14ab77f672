namespace HftScalper.Inference.Compiled;

/// <summary>An operation applied to each row of the tree sums, in graph order.</summary>
internal enum PostOp
{
    /// <summary>Adds the operator's base values (ONNX adds them after the tree sum).</summary>
    AddBase,

    /// <summary>Divides the sum by the number of trees (aggregate_function AVERAGE).</summary>
    AverageTrees,

    /// <summary>1 / (1 + e^-x) per value (ONNX <c>Sigmoid</c>).</summary>
    Sigmoid,

    /// <summary>The tree classifier's LOGISTIC post transform (same function, ORT's sign-symmetric form).</summary>
    Logistic,

    /// <summary>e^(x - max) / Σ e^(x - max) over the row (ONNX <c>Softmax</c> on the last axis, the classifier's SOFTMAX).</summary>
    Softmax,

    /// <summary>x / Σ x over the row (ONNX <c>ReduceSum</c> keepdims then <c>Div</c>).</summary>
    Normalize,
}
