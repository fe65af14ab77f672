using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Inference.Serving;

/// <summary>
/// Makes latency-oriented session options and appends the first execution provider that this ONNX Runtime build
/// supports, trying the configured order (TensorRT -> CUDA -> CPU) and logging one line saying which is used and why.
/// </summary>
internal static class ExecutionProviderSelector
{
    /// <summary>
    /// Creates session options: one intra-op thread, sequential execution, all graph optimisations, and the first
    /// provider that can be appended. The chosen provider is returned in <paramref name="chosen"/>.
    /// </summary>
    public static SessionOptions Create(ServingOptions options, string modelName, ILogger logger, out ExecutionProviderKind chosen)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var so = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var skipped = new List<string>();
        var notBuilt = new List<string>();
        var available = OrtEnv.Instance().GetAvailableProviders();
        chosen = ExecutionProviderKind.Cpu;
        foreach (var kind in options.ProviderOrder)
        {
            if (kind == ExecutionProviderKind.Cpu) break;
            // Not in this ONNX Runtime build (the default CPU package): the normal case, not a fallback worth a warning.
            if (!available.Contains(OrtName(kind), StringComparer.Ordinal)) { notBuilt.Add(kind.ToString()); continue; }
            if (TryAppend(so, kind, options, out var why)) { chosen = kind; break; }
            skipped.Add($"{kind} unavailable: {why}");
        }
        if (skipped.Count > 0)
            logger.LogWarning("Model {Model}: execution provider {Provider} (fell back; {Reasons})", modelName, chosen, string.Join("; ", skipped));
        else if (notBuilt.Count > 0 && chosen == ExecutionProviderKind.Cpu)
            logger.LogInformation("Model {Model}: execution provider {Provider} (this ONNX Runtime build has no {Gpu}; build with -p:HftOnnxGpu=true for GPU inference)",
                modelName, chosen, string.Join(" or ", notBuilt));
        else
            logger.LogInformation("Model {Model}: execution provider {Provider}", modelName, chosen);
        return so;
    }

    private static bool TryAppend(SessionOptions so, ExecutionProviderKind kind, ServingOptions options, out string why)
    {
        try
        {
            if (kind == ExecutionProviderKind.TensorRt)
            {
                var trt = options.TensorRt ?? new TensorRtOptions();
                using var providerOptions = new OrtTensorRTProviderOptions();
                providerOptions.UpdateOptions(trt.ToProviderOptions());
                so.AppendExecutionProvider_Tensorrt(providerOptions);
            }
            else
            {
                so.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            }
            why = "";
            return true;
        }
        // What the CPU package (or a GPU package without CUDA/TensorRT libraries) throws for a missing provider.
        catch (Exception e) when (e is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            why = $"{e.GetType().Name}: {FirstLine(e.Message)}";
            return false;
        }
    }

    private static string OrtName(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.TensorRt => "TensorrtExecutionProvider",
        ExecutionProviderKind.Cuda => "CUDAExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
