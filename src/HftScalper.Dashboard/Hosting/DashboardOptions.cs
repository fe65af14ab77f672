using System.Net;

namespace HftScalper.Dashboard.Hosting;

/// <summary>Where and how the dashboard listens.</summary>
/// <param name="Address">Interface to bind (loopback by default; any other address requires <paramref name="Token"/> on every request).</param>
/// <param name="Port">TCP port (0 = any free port).</param>
/// <param name="Token">Access token: required for the controls always, and for everything when bound beyond loopback.</param>
public sealed record DashboardOptions(IPAddress Address, int Port, string Token)
{
    /// <summary>True when the bound address is a loopback one (the page and /metrics then need no token).</summary>
    public bool Loopback => IPAddress.IsLoopback(Address);

    /// <summary>Parses <c>PORT</c>, <c>ADDR:PORT</c> or <c>[V6]:PORT</c> (loopback when no address is given).</summary>
    public static (IPAddress Address, int Port) ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) && port <= 65535)
            return (IPAddress.Loopback, port);
        if (IPEndPoint.TryParse(text, out var ep) && ep.Port is >= 0 and <= 65535 && text.Contains(':', StringComparison.Ordinal))
            return (ep.Address, ep.Port);
        throw new ArgumentException($"--serve must be PORT or ADDRESS:PORT (e.g. 8321, 127.0.0.1:0, 0.0.0.0:8321), got '{text}'");
    }

    /// <summary>A random token (URL-safe, 128 bits).</summary>
    public static string NewToken() =>
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
