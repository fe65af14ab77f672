using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>A tensor's name, element type and the dimensions after the batch dimension.</summary>
internal sealed record TensorShape(string Name, TensorElementType Type, long[] TrailingDims);
