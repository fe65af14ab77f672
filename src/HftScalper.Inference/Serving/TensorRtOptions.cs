namespace HftScalper.Inference.Serving;

/// <summary>TensorRT provider settings (ignored when TensorRT is not available).</summary>
/// <param name="Fp16">Allow FP16 kernels (<c>trt_fp16_enable</c>).</param>
/// <param name="EngineCachePath">Folder for built engines (<c>trt_engine_cache_path</c>); null disables the cache.</param>
/// <param name="WorkspaceBytes">Max workspace for tactic selection (<c>trt_max_workspace_size</c>).</param>
/// <param name="DeviceId">GPU ordinal.</param>
public sealed record TensorRtOptions(bool Fp16 = true, string? EngineCachePath = null, long WorkspaceBytes = 1L << 30, int DeviceId = 0)
{
    /// <summary>The options as the provider's key/value pairs.</summary>
    public Dictionary<string, string> ToProviderOptions()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device_id"] = DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trt_fp16_enable"] = Fp16 ? "1" : "0",
            ["trt_max_workspace_size"] = WorkspaceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(EngineCachePath))
        {
            d["trt_engine_cache_enable"] = "1";
            d["trt_engine_cache_path"] = EngineCachePath;
        }
        return d;
    }
}
