using System.Security.Cryptography;

namespace HftScalper.Cli.Commands.Data;

/// <summary>sha256 of a file and of a <c>.CHECKSUM</c> text (as <c>sha256sum -c</c> reads it).</summary>
internal static class Sha256File
{
    /// <summary>The lower-case hex sha256 of the file at <paramref name="path"/>.</summary>
    public static async Task<string> OfAsync(string path, CancellationToken ct)
    {
        await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The hash of a <c>.CHECKSUM</c> file (<c>&lt;64 hex&gt;  &lt;file name&gt;</c>) in lower case, or null when the text
    /// does not start with 64 hex digits.
    /// </summary>
    public static string? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.AsSpan().TrimStart();
        if (t.Length < 64) return null;
        var hex = t[..64];
        foreach (char c in hex)
            if (!char.IsAsciiHexDigit(c)) return null;
        if (t.Length > 64 && !char.IsWhiteSpace(t[64])) return null;
        return hex.ToString().ToLowerInvariant();
    }
}
