using System.Runtime.InteropServices;
using TorchSharp;

namespace HftScalper.DeepLearning.Runtime;

/// <summary>
/// Loads libtorch once, on CPU, deterministically: one intra-op thread (the machine is shared, and one thread fixes the
/// reduction order, so CPU training is reproducible with a seed) and MKL in conditional-numerical-reproducibility mode.
/// </summary>
public static partial class TorchRuntime
{
    /// <summary>
    /// MKL's conditional numerical reproducibility: set before libtorch's MKL first runs. Without it a GEMM may take a
    /// different code path depending on how a buffer happens to be aligned, and the transformer's weights differed in
    /// the last bit between two runs with the same seed (the LSTM's did not).
    /// </summary>
    public const string MklReproducibility = "COMPATIBLE";

    /// <summary>
    /// The widest instruction set oneDNN (libtorch's CPU kernels for LSTM and convolutions) may use. On an AVX-512 CPU
    /// (AMD EPYC with AVX-512, 2026-12-05) libtorch's LSTM took oneDNN's AVX-512 kernels and its probabilities differed
    /// from ONNX Runtime's and our compiled LSTM's by up to 0.097 on the same weights, while with AVX2 they agree within
    /// 1e-5 (<c>LstmExportTests</c>): the trained network would not be the one the exported ONNX serves. AVX2 also gives
    /// the same numbers on AVX2-only and AVX-512 machines. Set before oneDNN first runs; a value the user set wins.
    /// </summary>
    public const string OneDnnMaxIsa = "AVX2";

    private static readonly object Gate = new();
    private static bool _ready;

    /// <summary>
    /// Initialises TorchSharp for CPU. Throws <see cref="InvalidOperationException"/> naming the likely cause when the
    /// native library does not load (TorchSharp's own message blames a missing package reference even when the
    /// loader refused the library: run <c>ldd libLibTorchSharp.so</c> in the output directory to see why).
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_ready) return;
            // MKL reads the native environment (not .NET's copy), so it is set through libc; a value the user set wins.
            if (Environment.GetEnvironmentVariable("MKL_CBWR") is null) _ = SetEnv("MKL_CBWR", MklReproducibility, 0);
            if (Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is null && Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") is null)
                _ = SetEnv("ONEDNN_MAX_CPU_ISA", OneDnnMaxIsa, 0);
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException)
            {
                var dir = AppContext.BaseDirectory;
                throw new InvalidOperationException(
                    $"libtorch did not load from {dir}: {e.Message} Run `ldd {Path.Combine(dir, "libLibTorchSharp.so")}` to see which " +
                    "dependency or version the loader refused (eng/TorchSharpGlibcxx.targets weakens GLIBCXX_3.4.32 for older libstdc++).", e);
            }
            torch.set_num_threads(1);
            torch.set_num_interop_threads(1);
            _ready = true;
        }
    }

    /// <summary>Seeds every torch generator (weights, dropout, shuffles drawn from torch).</summary>
    public static void Seed(int seed)
    {
        EnsureLoaded();
        torch.manual_seed(seed);
        torch.random.manual_seed(seed);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
