namespace HftScalper.Inference.Compiled;

/// <summary>The split test every node of a compiled ensemble uses ("true" goes to the first child).</summary>
internal enum TreeComparison
{
    /// <summary>ONNX <c>BRANCH_LEQ</c>: <c>x &lt;= threshold</c>.</summary>
    LessOrEqual,

    /// <summary>ONNX <c>BRANCH_LT</c>: <c>x &lt; threshold</c>.</summary>
    Less,
}
