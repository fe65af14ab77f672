namespace HftScalper.Tests.Shared;

/// <summary>
/// Locates the real recordings in <c>../shared/data</c> beside the checkout (override with HFT_SHARED_DATA).
/// They are never copied into the repository; tests that need them skip with a message when absent.
/// </summary>
public static class TestData
{
    /// <summary>The repository root (the folder holding HftScalper.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared data folder, or null when it is not there.</summary>
    public static string? SharedDataDir { get; } = FindSharedData();

    /// <summary>Whether the shared recordings are present.</summary>
    public static bool Available => SharedDataDir is not null;

    /// <summary>Message used when skipping.</summary>
    public const string MissingMessage = "../shared/data is absent (set HFT_SHARED_DATA): real-data test skipped";

    /// <summary>Full path of a file under the shared data folder (throws when absent: guard with the attributes).</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([SharedDataDir ?? throw new InvalidOperationException(MissingMessage), .. parts]);

    /// <summary>The Binance BTCUSDT spot recording, both files in order.</summary>
    public static string[] BinanceSpotBtcusdt =>
        [Path("binance", "spot", "btcusdt_20240808.gz"), Path("binance", "spot", "btcusdt_20240809.gz")];

    private static string FindRepoRoot()
    {
        var baked = typeof(TestData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "HftRepoRoot")?.Value;
        if (!string.IsNullOrEmpty(baked) && File.Exists(System.IO.Path.Combine(baked, "HftScalper.sln")))
            return System.IO.Path.GetFullPath(baked);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "HftScalper.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string? FindSharedData()
    {
        var env = Environment.GetEnvironmentVariable("HFT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "data"));
        return Directory.Exists(beside) ? beside : null;
    }
}

/// <summary>A fact that is skipped, with a message, when the shared recordings are absent.</summary>
public sealed class RequiresDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the data folder is missing.</summary>
    public RequiresDataFactAttribute()
    {
        if (!TestData.Available) Skip = TestData.MissingMessage;
    }
}

/// <summary>A theory that is skipped, with a message, when the shared recordings are absent.</summary>
public sealed class RequiresDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the data folder is missing.</summary>
    public RequiresDataTheoryAttribute()
    {
        if (!TestData.Available) Skip = TestData.MissingMessage;
    }
}
