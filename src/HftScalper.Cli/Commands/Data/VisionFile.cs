namespace HftScalper.Cli.Commands.Data;

/// <summary>
/// One archive of data.binance.vision: its URL, the URL of its <c>.CHECKSUM</c> companion and where it lands locally
/// (the remote path under <c>data/</c>, mirrored under the output folder).
/// </summary>
/// <param name="Name">The file name, e.g. <c>BTCUSDT-trades-2024-01-01.zip</c>.</param>
/// <param name="Url">The archive's URL.</param>
/// <param name="LocalPath">The verified archive's local path; the download in progress is <see cref="PartPath"/>.</param>
internal sealed record VisionFile(string Name, Uri Url, string LocalPath)
{
    /// <summary>The <c>.CHECKSUM</c> file beside the archive (sha256 hex, two spaces, the file name).</summary>
    public Uri ChecksumUrl => new(Url.AbsoluteUri + ".CHECKSUM");

    /// <summary>Where the bytes go until the checksum passes (a later run resumes it with an HTTP Range request).</summary>
    public string PartPath => LocalPath + ".part";
}
