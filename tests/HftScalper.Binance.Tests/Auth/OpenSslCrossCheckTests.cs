using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using HftScalper.Binance.Auth;

namespace HftScalper.Binance.Tests.Auth;

/// <summary>
/// Binance documents signing with <c>openssl</c> (the docs' bash examples): keys made by openssl load here, and our
/// signatures equal openssl's byte for byte. Skipped (returns) when no openssl is on the PATH.
/// </summary>
public sealed class OpenSslCrossCheckTests
{
    private const string Payload = "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000";

    [Fact]
    public void Ed25519_key_generated_by_openssl_signs_exactly_like_openssl_pkeyutl()
    {
        using var files = new KeyFiles();
        string key = Path.Combine(files.Directory, "ed.pem");
        if (Run("genpkey", "-algorithm", "ed25519", "-out", key) is null) return;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string payloadFile = files.Write("payload.txt", Payload);

        string? expected = Run("pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", payloadFile);
        using var signer = (Ed25519Signer)RequestSignerLoader.FromKeyFile("api", key);

        Assert.NotNull(expected);
        Assert.Equal(expected, signer.Sign(Encoding.ASCII.GetBytes(Payload)));
    }

    [Fact]
    public void Rsa_signature_equals_openssl_dgst_sha256_sign()
    {
        using var files = new KeyFiles();
        using var rsa = RSA.Create(2048);
        string key = files.Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem());
        string payloadFile = files.Write("payload.txt", Payload);

        string? expected = Run("dgst", "-sha256", "-sign", key, payloadFile);
        if (expected is null) return;
        using var signer = (RsaSigner)RequestSignerLoader.FromKeyFile("api", key);

        Assert.Equal(expected, signer.Sign(Encoding.ASCII.GetBytes(Payload)));
    }

    // openssl's binary output as base64, or null when openssl cannot be started.
    private static string? Run(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        Process? p;
        try { p = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception) { return null; }
        if (p is null) return null;
        using (p)
        {
            using var output = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(output);
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "openssl " + string.Join(' ', args) + ": " + p.StandardError.ReadToEnd());
            return Convert.ToBase64String(output.ToArray());
        }
    }
}
