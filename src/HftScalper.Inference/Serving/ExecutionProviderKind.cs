namespace HftScalper.Inference.Serving;

/// <summary>ONNX Runtime execution providers we know how to request, fastest first.</summary>
public enum ExecutionProviderKind
{
    /// <summary>NVIDIA TensorRT (GPU build only).</summary>
    TensorRt = 0,

    /// <summary>NVIDIA CUDA (GPU build only).</summary>
    Cuda = 1,

    /// <summary>The default CPU provider, always available.</summary>
    Cpu = 2,
}
