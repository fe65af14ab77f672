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

    /// <summary>The two-stage tail <c>hft train</c> exports: [pm, pu] -> [pm - pm*pu, 1 - pm, pm*pu] (<c>Slice</c>,
    /// <c>Mul</c>, <c>Sub</c>, <c>Concat</c>), in ORT's order of single-precision operations. Widens the row from 2 to 3;
    /// always the last operation.</summary>
    TwoStage,
}
