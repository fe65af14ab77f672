using System.Net;
using System.Net.Http.Headers;

namespace HftScalper.Cli.Commands.Data;

/// <summary>
/// Fetches one archive the way <c>sha256sum -c</c> would accept it: the <c>.CHECKSUM</c> first (404: the file is not
/// published: <see cref="FileStatus.Missing"/>), then the bytes into <c>NAME.part</c>, resumed with
/// <c>Range: bytes=N-</c> when a <c>.part</c> is there (206 appends; a server that ignores the range answers 200 and
/// the part restarts), then the sha256 of the whole part, and only when it matches an atomic rename to the final
/// name. A file already on disk with the published hash is not fetched again. A mismatch deletes the part; a
/// transport failure is retried (resuming) and, when retries run out, leaves the part for the next run.
/// </summary>
internal sealed class ArchiveDownloader(HttpClient http, Action<string> log)
{
    /// <summary>Tries per archive for transport failures (connection reset, stall, 5xx).</summary>
    public const int Attempts = 3;

    /// <summary>A body read that gets no byte for this long is a failure (retried, resuming).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private long _received;
    private long _fileDone;
    private long _fileLength;

    /// <summary>Bytes received in this run, all archives (read by the progress display's thread).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>The share of the current archive on disk (0 to 1; 0 while its length is unknown).</summary>
    public double CurrentFileShare
    {
        get
        {
            long length = Interlocked.Read(ref _fileLength);
            return length > 0 ? Math.Clamp((double)Interlocked.Read(ref _fileDone) / length, 0, 1) : 0;
        }
    }

    /// <summary>Fetches <paramref name="file"/>; only cancellation of <paramref name="ct"/> throws (the part stays).</summary>
    public async Task<FileResult> FetchAsync(VisionFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        Interlocked.Exchange(ref _fileDone, 0);
        Interlocked.Exchange(ref _fileLength, 0);
        var (expected, problem) = await ChecksumAsync(file, ct).ConfigureAwait(false);
        if (expected is null) return problem!;
        if (File.Exists(file.LocalPath))
        {
            string onDisk = await Sha256File.OfAsync(file.LocalPath, ct).ConfigureAwait(false);
            if (onDisk == expected) return new FileResult(file, FileStatus.Present, Sha256: onDisk);
            log($"{file.Name}: on disk with sha256 {onDisk} but the CHECKSUM says {expected} (damaged, or updated upstream): fetching it again");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file.LocalPath)!);
        long bytes = 0;
        bool freshRetried = false;
        for (int attempt = 1; ; attempt++)
        {
            Transfer t;
            try
            {
                t = await TransferAsync(file, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransportFailure(e, ct))
            {
                string why = e is OperationCanceledException ? $"no data for {StallTimeout.TotalSeconds:F0} s" : e.Message;
                if (attempt >= Attempts)
                {
                    long kept = File.Exists(file.PartPath) ? new FileInfo(file.PartPath).Length : 0;
                    return new FileResult(file, FileStatus.Failed, bytes, Message:
                        $"{why} ({Attempts} attempts); {kept:N0} bytes kept in {Path.GetFileName(file.PartPath)}: run again to resume");
                }
                log($"{file.Name}: {why}; retrying ({attempt + 1}/{Attempts}), resuming");
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct).ConfigureAwait(false);
                continue;
            }
            bytes += t.Bytes;
            if (t.Status == HttpStatusCode.NotFound)
            {
                File.Delete(file.PartPath);
                return new FileResult(file, FileStatus.Missing, bytes, Message: $"HTTP 404 at {file.Url} (its CHECKSUM exists)");
            }
            if (t.Status is not (HttpStatusCode.OK or HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable))
            {
                if ((int)t.Status >= 500 && attempt < Attempts)
                {
                    log($"{file.Name}: HTTP {(int)t.Status}; retrying ({attempt + 1}/{Attempts})");
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct).ConfigureAwait(false);
                    continue;
                }
                return new FileResult(file, FileStatus.Failed, bytes, Message: $"HTTP {(int)t.Status} at {file.Url}");
            }
            string got = await Sha256File.OfAsync(file.PartPath, ct).ConfigureAwait(false);
            if (got == expected)
            {
                File.Move(file.PartPath, file.LocalPath, overwrite: true);
                return new FileResult(file, FileStatus.Downloaded, bytes, t.From, got);
            }
            File.Delete(file.PartPath);
            // A part left by an older run may hold bytes of an earlier upload of the file: once, fetch it whole.
            if (t.From > 0 && !freshRetried)
            {
                freshRetried = true;
                log($"{file.Name}: sha256 {got} after resuming from byte {t.From:N0}, the CHECKSUM says {expected}: deleted the part, fetching it whole");
                attempt = 0;
                continue;
            }
            string message = $"sha256 {got}, the CHECKSUM says {expected}: deleted";
            log($"{file.Name}: CHECKSUM MISMATCH: {message}");
            return new FileResult(file, FileStatus.ChecksumMismatch, bytes, t.From, Message: message);
        }
    }

    // The published hash, or the result that ends this archive (missing, failed).
    private async Task<(string? Hash, FileResult? Problem)> ChecksumAsync(VisionFile file, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
                stall.CancelAfter(StallTimeout);
                using var response = await http.GetAsync(file.ChecksumUrl, HttpCompletionOption.ResponseContentRead, stall.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return (null, new FileResult(file, FileStatus.Missing, Message: $"not published (HTTP 404 at {file.ChecksumUrl})"));
                if ((int)response.StatusCode >= 500 && attempt < Attempts) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
                if (!response.IsSuccessStatusCode)
                    return (null, new FileResult(file, FileStatus.Failed, Message: $"HTTP {(int)response.StatusCode} at {file.ChecksumUrl}"));
                string text = await response.Content.ReadAsStringAsync(stall.Token).ConfigureAwait(false);
                return Sha256File.Parse(text) is { } hash
                    ? (hash, null)
                    : (null, new FileResult(file, FileStatus.Failed, Message: $"{file.ChecksumUrl} holds no sha256 (expected 64 hex digits, two spaces, the file name)"));
            }
            catch (Exception e) when (IsTransportFailure(e, ct))
            {
                if (attempt >= Attempts)
                    return (null, new FileResult(file, FileStatus.Failed, Message: $"{file.ChecksumUrl}: {e.Message} ({Attempts} attempts)"));
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private readonly record struct Transfer(HttpStatusCode Status, long Bytes, long From);

    // One GET into the part: resumed with Range when a part exists. 416 (the part already holds the whole file)
    // counts as complete here; the hash decides.
    private async Task<Transfer> TransferAsync(VisionFile file, CancellationToken ct)
    {
        long have = File.Exists(file.PartPath) ? new FileInfo(file.PartPath).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(StallTimeout);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        var status = response.StatusCode;
        if (status == HttpStatusCode.RequestedRangeNotSatisfiable) return new Transfer(status, 0, have);
        if (status is not (HttpStatusCode.OK or HttpStatusCode.PartialContent)) return new Transfer(status, 0, 0);
        long from = 0;
        if (status == HttpStatusCode.PartialContent)
        {
            if (have == 0 || response.Content.Headers.ContentRange?.From != have)
            {
                File.Delete(file.PartPath); // the retry asks for the whole file
                throw new HttpRequestException($"HTTP 206 for another range than bytes={have}-");
            }
            from = have;
        }
        else if (have > 0)
        {
            log($"{file.Name}: the server ignored the Range request (HTTP 200): fetching it whole, not from byte {have:N0}");
        }
        if (from > 0) log($"{file.Name}: resuming from byte {from:N0}");
        Interlocked.Exchange(ref _fileDone, from);
        Interlocked.Exchange(ref _fileLength, response.Content.Headers.ContentLength is { } length ? from + length : 0);

        long got = 0;
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var part = new FileStream(file.PartPath, from > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None,
            1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        while (true)
        {
            stall.CancelAfter(StallTimeout);
            int n = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            if (n == 0) break;
            await part.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            got += n;
            Interlocked.Add(ref _received, n);
            Interlocked.Add(ref _fileDone, n);
        }
        return new Transfer(status, got, from);
    }

    // Worth a retry: the network or the server failed, or a read stalled (a cancellation the caller did not ask for).
    private static bool IsTransportFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
