using System.Security.Cryptography;
using HftScalper.Binance.Auth;

namespace HftScalper.Binance.Tests.Auth;

/// <summary>Formats every object that holds key material and greps the text for the keys.</summary>
public sealed class SecretLeakTests
{
    private const string ApiKey = "APIKEYvmPUZE6mv9SD5VNHk4HlWFsOr6aKE2z";
    private const string Secret = "SECRETNhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3";

    [Fact]
    public void No_key_holder_prints_its_api_key_secret_or_private_key()
    {
        using var files = new KeyFiles();
        using var rsa = RSA.Create(2048);
        string rsaPem = rsa.ExportPkcs8PrivateKeyPem();
        string edPem = KeyFiles.Ed25519Pem();
        string edPath = files.Write("ed.pem", edPem);
        using var hmac = new HmacSha256Signer(ApiKey, Secret);
        using var ed = (Ed25519Signer)RequestSignerLoader.Load(new BinanceKeySource(ApiKey, edPath, null));
        using var rsaSigner = RsaSigner.FromPem(ApiKey, rsaPem);
        var source = new BinanceKeySource(ApiKey, edPath, Secret);
        var errors = new List<Exception>
        {
            Record(() => RequestSignerLoader.Load(new BinanceKeySource(ApiKey, files.Write("open.pem", edPem, UnixFileMode.UserRead | UnixFileMode.OtherRead), null))),
            Record(() => RequestSignerLoader.Load(new BinanceKeySource(ApiKey, files.Write("bad.pem", rsaPem.Replace('A', 'B')), null))),
            Record(() => Ed25519Signer.FromPem(ApiKey, rsaPem)),
            Record(() => RsaSigner.FromPem(ApiKey, edPem[..40] + Secret)),
        };

        var texts = new List<string>
        {
            hmac.ToString(), ed.ToString(), rsaSigner.ToString(), source.ToString(),
            $"{hmac} {ed} {rsaSigner} {source}",
        };
        texts.AddRange(errors.Select(e => e.ToString()));

        string[] needles = [ApiKey, Secret, Body(edPem), Body(rsaPem), "9d61b19deffd5a60"];
        foreach (string text in texts)
            foreach (string needle in needles)
                Assert.DoesNotContain(needle, text, StringComparison.Ordinal);
        Assert.All(errors, Assert.NotNull);
    }

    private static string Body(string pem) => pem.Split('\n')[1][..24];

    private static Exception Record(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("expected a failure");
    }
}
