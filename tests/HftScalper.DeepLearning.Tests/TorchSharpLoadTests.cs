using HftScalper.Build;
using HftScalper.DeepLearning.Runtime;
using System.Runtime.InteropServices;
using TorchSharp;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// TorchSharp's native library loads from the build output on this machine's libstdc++ and computes: the build
/// (eng/TorchSharpGlibcxx.targets) weakens the GLIBCXX_3.4.32 need of the copy it puts in the output.
/// </summary>
public sealed class TorchSharpLoadTests
{
    private const string LibStdCxx = "libstdc++.so.6";

    [Fact]
    public void TorchSharp_loads_from_the_build_output_and_runs_an_lstm_forward()
    {
        TorchRuntime.EnsureLoaded();
        using var lstm = torch.nn.LSTM(3, 4, batchFirst: true);
        using var x = torch.ones(2, 5, 3);
        var (y, h, c) = lstm.call(x);
        using (y) using (h) using (c)
        {
            Assert.Equal([2L, 5, 4], y.shape);
            var values = y.data<float>().ToArray();
            Assert.All(values, v => Assert.True(float.IsFinite(v) && Math.Abs(v) < 1));
            Assert.Contains(values, v => v != 0);
        }
    }

    [Fact]
    public void OneDnn_is_capped_at_AVX2_in_the_native_environment_unless_the_user_set_it()
    {
        // What oneDNN reads is libc's environment, not .NET's copy: an AVX-512 machine ran libtorch's LSTM through
        // kernels 0.097 away from the exported ONNX (LstmExportTests); the cap keeps trained and served networks equal.
        var user = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA");
        TorchRuntime.EnsureLoaded();
        var native = Marshal.PtrToStringUTF8(GetEnv("ONEDNN_MAX_CPU_ISA"));
        if (user is null) Assert.Equal(TorchRuntime.OneDnnMaxIsa, native);
        else Assert.True(native is null || native == Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA"), native);
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [Fact]
    public void Output_copy_of_LibTorchSharp_has_only_the_GLIBCXX_3_4_32_need_weakened()
    {
        var needs = ElfVersionNeed.Needs(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so")), LibStdCxx);
        Assert.Contains(new KeyValuePair<string, bool>("GLIBCXX_3.4.32", true), needs);
        Assert.All(needs.Where(n => n.Key != "GLIBCXX_3.4.32"), n => Assert.False(n.Value, n.Key));
    }

    [Fact]
    public void Patcher_weakens_the_package_file_once_and_leaves_the_other_needs_alone()
    {
        var original = File.ReadAllBytes(PackageFile());
        var before = ElfVersionNeed.Needs(original, LibStdCxx);
        Assert.Contains(new KeyValuePair<string, bool>("GLIBCXX_3.4.32", false), before);

        var bytes = (byte[])original.Clone();
        Assert.Equal(1, ElfVersionNeed.MarkWeak(bytes, LibStdCxx, ["GLIBCXX_3.4.32"]));
        Assert.Equal(0, ElfVersionNeed.MarkWeak(bytes, LibStdCxx, ["GLIBCXX_3.4.32"]));
        var after = ElfVersionNeed.Needs(bytes, LibStdCxx);
        Assert.Equal(before.Select(n => n.Key == "GLIBCXX_3.4.32" ? new KeyValuePair<string, bool>(n.Key, true) : n), after);
        // Exactly two bytes (the little-endian vna_flags of one entry) may differ; here only its low byte does.
        Assert.Equal(1, original.Zip(bytes).Count(p => p.First != p.Second));
    }

    [Fact]
    public void Patcher_refuses_a_file_that_is_not_ELF64()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeed.MarkWeak(new byte[128], LibStdCxx, ["GLIBCXX_3.4.32"]));
        var truncated = File.ReadAllBytes(PackageFile())[..4096];
        Assert.Throws<InvalidDataException>(() => ElfVersionNeed.MarkWeak(truncated, LibStdCxx, ["GLIBCXX_3.4.32"]));
    }

    private static string PackageFile()
    {
        var root = typeof(TorchSharpLoadTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;
        var version = typeof(torch).Assembly.GetName().Version!;
        return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }
}
