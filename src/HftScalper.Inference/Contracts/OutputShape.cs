namespace HftScalper.Inference.Contracts;

/// <summary>One output of a loaded graph as ONNX Runtime reports it: name, whether it is float, and the dimensions after the batch.</summary>
/// <param name="Name">Output tensor name.</param>
/// <param name="IsFloat">True for a float32 tensor.</param>
/// <param name="TrailingDims">Dimensions after the (dynamic) batch dimension.</param>
public sealed record OutputShape(string Name, bool IsFloat, IReadOnlyList<long> TrailingDims);
