using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Inference.Tests;

public sealed class ExecutionProviderSelectorTests
{
    [Fact]
    public void The_cpu_only_build_logs_one_info_line_and_no_warning()
    {
        // This test runs on the default (CPU) ONNX Runtime package: no GPU provider is in the build.
        Assert.DoesNotContain("CUDAExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
        var log = new ListLogger();
        using var so = ExecutionProviderSelector.Create(new ServingOptions(), "m.onnx", log, out var chosen);
        Assert.Equal(ExecutionProviderKind.Cpu, chosen);
        var line = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("execution provider Cpu", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line.Message, StringComparison.Ordinal);
    }
}
