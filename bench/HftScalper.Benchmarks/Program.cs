using BenchmarkDotNet.Running;

namespace HftScalper.Benchmarks;

/// <summary>Entry point: pick suites with --filter, e.g. <c>--filter *Ring*</c>; <c>--job short</c> for a quick look.</summary>
public static class Program
{
    /// <summary>Runs the BenchmarkDotNet switcher over every suite in this assembly.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
