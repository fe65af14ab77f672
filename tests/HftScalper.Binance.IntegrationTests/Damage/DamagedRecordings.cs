using System.IO.Compression;
using System.Text;
using HftScalper.Binance.IntegrationTests.Recording;

namespace HftScalper.Binance.IntegrationTests.Damage;

/// <summary>
/// One minute of simulated Binance spot recording (<c>hft simulate</c>, a real run of the CLI) and damaged or reordered
/// copies of it, made once per test class in a folder under /tmp.
/// </summary>
public sealed class DamagedRecordings : IDisposable
{
    public DamagedRecordings()
    {
        Directory.CreateDirectory(Dir);
        Clean = File("clean.gz");
        var (exit, _, stderr) = CliProcess.RunAsync(TimeSpan.FromMinutes(2), "simulate", "--sim-minutes", "1", "--out", Clean).GetAwaiter().GetResult();
        if (exit != 0) throw new InvalidOperationException($"hft simulate exited {exit}: {stderr}");
        using (var gz = new GZipStream(System.IO.File.OpenRead(Clean), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz, Encoding.UTF8))
            Lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The folder holding every file (deleted at the end).</summary>
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "hft-damage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The simulated recording, gzip.</summary>
    public string Clean { get; }

    /// <summary>Its lines (<c>&lt;local_ts_ns&gt; &lt;json&gt;</c>).</summary>
    public string[] Lines { get; }

    /// <summary>A path in the folder.</summary>
    public string File(string name) => Path.Combine(Dir, name);

    /// <summary>The clean recording cut at half its compressed length.</summary>
    public string Truncated() => WriteBytes("truncated.gz", Bytes()[..(Bytes().Length / 2)]);

    /// <summary>The clean recording with a few bytes flipped in the middle of the compressed data.</summary>
    public string BitFlipped()
    {
        var b = Bytes();
        for (int i = 0; i < 3; i++) b[(b.Length / 2) + (i * 101)] ^= 0x10;
        return WriteBytes("flipped.gz", b);
    }

    /// <summary>Writes <paramref name="lines"/> as a plain text recording.</summary>
    public string WriteLines(string name, IEnumerable<string> lines)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    /// <summary>Index of the REST snapshot line.</summary>
    public int SnapshotLine => Array.FindIndex(Lines, l => l.Contains("{\"lastUpdateId\"", StringComparison.Ordinal));

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private byte[] Bytes() => System.IO.File.ReadAllBytes(Clean);

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }
}
