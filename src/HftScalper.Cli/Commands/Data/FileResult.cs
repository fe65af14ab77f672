using System.Text.Json.Nodes;

namespace HftScalper.Cli.Commands.Data;

/// <summary>What happened to one archive.</summary>
/// <param name="File">The archive.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Bytes">Bytes received for it in this run.</param>
/// <param name="ResumedFrom">The byte a Range request resumed a <c>.part</c> from (0: fetched whole).</param>
/// <param name="Sha256">The verified hash (lower-case hex), or null when none was verified.</param>
/// <param name="Message">Why it is missing, mismatched or failed; null otherwise.</param>
internal sealed record FileResult(VisionFile File, FileStatus Status, long Bytes = 0, long ResumedFrom = 0, string? Sha256 = null, string? Message = null)
{
    /// <summary>The JSON status word (stable: scripts match on it).</summary>
    public string StatusWord => Status switch
    {
        FileStatus.Downloaded => "downloaded",
        FileStatus.Present => "present",
        FileStatus.Missing => "missing",
        FileStatus.ChecksumMismatch => "checksumMismatch",
        _ => "failed",
    };

    /// <summary>The entry of the verb's <c>results</c> array.</summary>
    public JsonObject ToJson() => new()
    {
        ["file"] = File.Name,
        ["url"] = File.Url.AbsoluteUri,
        ["path"] = File.LocalPath,
        ["status"] = StatusWord,
        ["bytes"] = Bytes,
        ["resumedFrom"] = ResumedFrom,
        ["sha256"] = Sha256,
        ["message"] = Message,
    };
}
