using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>A tensor's name, element type and the dimensions after the batch dimension.</summary>
internal sealed record TensorShape(string Name, TensorElementType Type, long[] TrailingDims);

/// <summary>The single input and all outputs of a model, as checked by the loader.</summary>
internal sealed record ModelShape(string InputName, TensorElementType InputType, long[] InputTrailingDims, IReadOnlyList<TensorShape> Outputs);
