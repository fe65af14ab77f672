namespace HftScalper.Cli.Commands.Data;

/// <summary>How one archive ended (the JSON <c>status</c> of each entry of <c>results</c>).</summary>
internal enum FileStatus
{
    /// <summary>Fetched (or completed from a <c>.part</c>) and its sha256 matched the CHECKSUM: <c>downloaded</c>.</summary>
    Downloaded,

    /// <summary>Already on disk with the published sha256: not fetched again: <c>present</c>.</summary>
    Present,

    /// <summary>Not published (HTTP 404, e.g. a day before the symbol listed): skipped: <c>missing</c>.</summary>
    Missing,

    /// <summary>The bytes did not hash to the CHECKSUM: the file was deleted: <c>checksumMismatch</c>.</summary>
    ChecksumMismatch,

    /// <summary>Transport or HTTP error after retries; a <c>.part</c> is kept for the next run: <c>failed</c>.</summary>
    Failed,
}
