using System.Text.RegularExpressions;

namespace HftScalper.Core.Security;

/// <summary>
/// Hides credentials in URLs before they are printed, logged or stored (journal headers, JSON output): the user-info
/// part (<c>wss://user:pass@host</c> becomes <c>wss://***@host</c>) and the values of query parameters that carry
/// secrets (<c>token</c>, <c>apiKey</c>, <c>signature</c>, <c>secret</c>, <c>password</c>, <c>listenKey</c>, ...:
/// <c>?token=abc</c> becomes <c>?token=***</c>). Works on whole messages too, so a log sink can pass every line
/// through it. Off the hot path (regular expressions, one string per call).
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a hidden secret reads as.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="uri"/> as text with its credentials hidden (null: empty).</summary>
    public static string Redact(Uri? uri) => uri is null ? "" : Redact(uri.OriginalString);

    /// <summary><paramref name="text"/> with every URL credential in it hidden.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        string s = UserInfo().Replace(text, "${scheme}" + Mask + "@");
        return SecretParameter().Replace(s, "${name}" + Mask);
    }

    // scheme://userinfo@ — the user-info ends at the last '@' before the path ('@' is not allowed unescaped in it).
    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/?#\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<name>[?&;](?:[a-z0-9_\-]*(?:token|secret|signature|password|passwd|pwd|apikey|api_key|api-key|access_key|auth|credential|listenkey|session)[a-z0-9_\-]*|key|sig)=)[^&#\s""']*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
