using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HftScalper.Cli.Feedback;

namespace HftScalper.Cli.Commands.Data;

/// <summary>
/// Runs <c>hft data download</c>: the archives one after another (the site is one host; one connection at a time is
/// polite and keeps a resume simple), a progress stage on stderr (files done and bytes), a line per archive (problems
/// even under <c>--quiet</c>/<c>--json</c>), then one summary. Ctrl+C / SIGTERM stop between reads: the
/// <c>.part</c> stays for the next run and the summary is marked partial.
/// </summary>
internal static class DownloadRun
{
    /// <summary>Downloads <paramref name="request"/>; returns the exit code (see <see cref="DataCommand"/>).</summary>
    public static async Task<int> RunAsync(DownloadRequest request, bool json, bool quiet)
    {
        var files = BinanceVisionLayout.Files(request);
        var sw = Stopwatch.StartNew();
        var results = new List<FileResult>(files.Count);
        bool chatty = !json && !quiet;
        using var progress = CliProgress.Start("data download", ProgressSettings.FromEnvironment(quiet));
        using var stop = new StopSignal(progress.Line);
        using var http = CreateClient();
        var downloader = new ArchiveDownloader(http, progress.Line);
        int done = 0;
        string current = "";
        progress.Begin("files", () => (done + downloader.CurrentFileShare) / files.Count, () => downloader.Received, "bytes",
            () => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(done + 1, files.Count)}/{files.Count} {current}"));
        foreach (var file in files)
        {
            current = file.Name;
            FileResult r;
            try
            {
                r = await downloader.FetchAsync(file, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsRequested)
            {
                break;
            }
            results.Add(r);
            Interlocked.Increment(ref done);
            if (chatty || r.Status is not (FileStatus.Downloaded or FileStatus.Present)) progress.Line(Line(r));
        }
        progress.Dispose();
        return Summarise(request, files, results, downloader.Received, sw.Elapsed, stop, json);
    }

    private static int Summarise(DownloadRequest request, IReadOnlyList<VisionFile> files, List<FileResult> results, long bytes,
        TimeSpan elapsed, StopSignal stop, bool json)
    {
        int Count(FileStatus s) => results.Count(r => r.Status == s);
        int good = Count(FileStatus.Downloaded) + Count(FileStatus.Present);
        int bad = Count(FileStatus.ChecksumMismatch) + Count(FileStatus.Failed);
        var o = new JsonObject
        {
            ["source"] = new JsonObject { ["kind"] = "binance-vision", ["baseUrl"] = request.BaseUrl.AbsoluteUri.TrimEnd('/') },
            ["market"] = request.Market,
            ["kind"] = request.Kind,
            ["period"] = request.Monthly ? "monthly" : "daily",
            ["interval"] = request.Kind == "klines" ? request.Interval : null,
            ["symbols"] = JsonShapes.Strings(request.Symbols),
            ["from"] = Label(request.From, request.Monthly),
            ["to"] = Label(request.To, request.Monthly),
            ["out"] = request.OutDir,
            ["files"] = files.Count,
            ["downloaded"] = Count(FileStatus.Downloaded),
            ["present"] = Count(FileStatus.Present),
            ["missing"] = Count(FileStatus.Missing),
            ["checksumMismatches"] = Count(FileStatus.ChecksumMismatch),
            ["failed"] = Count(FileStatus.Failed),
            ["resumed"] = results.Count(r => r.ResumedFrom > 0 && r.Status == FileStatus.Downloaded),
            ["bytes"] = bytes,
            ["paths"] = JsonShapes.Strings(results.Where(r => r.Status is FileStatus.Downloaded or FileStatus.Present).Select(r => r.File.LocalPath)),
            ["results"] = new JsonArray([.. results.Select(r => (JsonNode)r.ToJson())]),
            ["elapsedSeconds"] = elapsed.TotalSeconds,
        };
        bool stopped = stop.IsRequested && results.Count < files.Count;
        if (stopped)
        {
            o["partial"] = true;
            o["stoppedBy"] = stop.Name;
        }
        if (json) JsonOut.Write(o);
        else
        {
            if (stopped) Console.Out.WriteLine($"PARTIAL: stopped by {stop.Name} after {results.Count} of {files.Count} files; run the same command again to resume");
            o.Remove("results");
            o.Remove("paths");
            if (o["interval"] is null) o.Remove("interval");
            o["source"] = request.BaseUrl.AbsoluteUri.TrimEnd('/');
            JsonOut.WriteText(o, keyWidth: 18);
        }
        if (stopped) return stop.ExitCode;
        if (bad > 0)
        {
            Console.Error.WriteLine($"data download: {bad} of {files.Count} files failed (checksum mismatch or download error): see the lines above; run again to retry");
            return ExitCodes.CheckFailed;
        }
        if (good == 0 && files.Count > 0)
        {
            Console.Error.WriteLine($"data download: none of the {files.Count} files is published at {request.BaseUrl.AbsoluteUri.TrimEnd('/')}: check --symbol, --market, --kind and the dates");
            return ExitCodes.CheckFailed;
        }
        return ExitCodes.Ok;
    }

    private static string Line(FileResult r) => r.Status switch
    {
        FileStatus.Downloaded => string.Create(CultureInfo.InvariantCulture,
            $"downloaded {r.File.Name} ({r.Bytes:N0} bytes{(r.ResumedFrom > 0 ? $", resumed from byte {r.ResumedFrom:N0}" : "")}, sha256 ok)"),
        FileStatus.Present => $"present    {r.File.Name} (sha256 ok, not fetched again)",
        FileStatus.Missing => $"missing    {r.File.Name}: {r.Message}; skipped",
        FileStatus.ChecksumMismatch => $"CHECKSUM MISMATCH {r.File.Name}: {r.Message}",
        _ => $"FAILED     {r.File.Name}: {r.Message}",
    };

    private static string Label(DateOnly d, bool monthly) => d.ToString(monthly ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None, // the hash is of the bytes as published
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        // No overall timeout: a monthly archive may take long; ArchiveDownloader fails a read that stalls instead.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        string version = typeof(DownloadRun).Assembly.GetName().Version?.ToString(3) ?? "0";
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("hft", version));
        return http;
    }
}
