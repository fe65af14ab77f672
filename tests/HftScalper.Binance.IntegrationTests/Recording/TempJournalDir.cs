namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>A journal folder under /tmp, deleted when the test ends.</summary>
internal sealed class TempJournalDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hft-record-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
