using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace HftScalper.Dashboard.Hosting;

/// <summary>The page's files, embedded in this assembly at build time (<c>wwwroot/</c>, uPlot from npm under <c>vendor/</c>).</summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>The file at <paramref name="path"/> (relative to wwwroot) and its content type.</summary>
    public static bool TryGet(string path, [NotNullWhen(true)] out byte[]? bytes, out string type)
    {
        type = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return Files.TryGetValue(path, out bytes);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var asm = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith("wwwroot/", StringComparison.Ordinal)) continue;
            using var s = asm.GetManifestResourceStream(name)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            files[name["wwwroot/".Length..]] = m.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
