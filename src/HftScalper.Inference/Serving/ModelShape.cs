using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>The single input and all outputs of a model, as checked by the loader.</summary>
internal sealed record ModelShape(string InputName, TensorElementType InputType, long[] InputTrailingDims, IReadOnlyList<TensorShape> Outputs);
