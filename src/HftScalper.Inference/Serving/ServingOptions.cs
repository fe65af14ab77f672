namespace HftScalper.Inference.Serving;

/// <summary>How a model is served.</summary>
/// <param name="MaxBatch">Largest micro-batch; buffers are pre-allocated for it.</param>
/// <param name="Providers">Execution providers to try, in order (CPU is always the final fallback).</param>
/// <param name="TensorRt">TensorRT settings.</param>
/// <param name="CudaDeviceId">GPU ordinal for CUDA.</param>
/// <param name="WarmupRuns">Runs per batch size during warm-up.</param>
/// <param name="CompileTrees">Serve tree-ensemble graphs (what <c>hft train</c> exports) with the managed compiled
/// evaluator when the graph is one it reproduces; false = ONNX Runtime always.</param>
/// <param name="CompileSequences">Score a transformer window model's windows with the compiled C# encoder when the graph
/// is exactly what <c>hft train --family transformer</c> exports; false = ONNX Runtime always.</param>
/// <param name="TreeStates">Symbols (registry ids below this) whose rows a compiled tree ensemble served incrementally
/// compares with their own symbol's previous row: one state each (about 6 KB for the bundled default), allocated at the
/// symbol's first row; rows of other symbols, and rows with no symbol, share one state. 0 = every row shares one state
/// (interleaved symbols then fall back to walking every tree). The scores are the same either way.</param>
public sealed record ServingOptions(
    int MaxBatch = 32,
    IReadOnlyList<ExecutionProviderKind>? Providers = null,
    TensorRtOptions? TensorRt = null,
    int CudaDeviceId = 0,
    int WarmupRuns = 3,
    bool CompileTrees = true,
    bool CompileSequences = true,
    int TreeStates = 1024)
{
    /// <summary>The provider order actually used: <see cref="Providers"/> or TensorRT, CUDA, CPU.</summary>
    public IReadOnlyList<ExecutionProviderKind> ProviderOrder =>
        Providers ?? [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu];

    /// <summary>Options that only try the CPU provider (tests, benchmarks, machines without a GPU).</summary>
    public static ServingOptions CpuOnly(int maxBatch = 32) => new(maxBatch, [ExecutionProviderKind.Cpu]);
}
