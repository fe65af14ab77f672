namespace HftScalper.Cli.Tests.Data;

/// <summary>A temporary folder with a site laid out like data.binance.vision (<see cref="Site"/>) served by a
/// <see cref="VisionServer"/>, and an output folder for <c>hft data download --out</c>.</summary>
internal sealed class LocalVision : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public LocalVision()
    {
        Directory.CreateDirectory(Site);
        Server = new VisionServer(Site);
    }

    public VisionServer Server { get; }

    public string Site => Path.Combine(_dir, "site");

    public string Out => Path.Combine(_dir, "out");

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
