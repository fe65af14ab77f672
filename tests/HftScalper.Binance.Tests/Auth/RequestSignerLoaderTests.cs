using System.Security.Cryptography;
using HftScalper.Binance.Auth;

namespace HftScalper.Binance.Tests.Auth;

public sealed class RequestSignerLoaderTests
{
    [Fact]
    public void Ed25519_key_file_with_mode_600_gives_an_ed25519_signer()
    {
        using var files = new KeyFiles();
        string path = files.Write("ed.pem", KeyFiles.Ed25519Pem());

        using var signer = (Ed25519Signer)RequestSignerLoader.Load(new BinanceKeySource("api", path, null));

        Assert.Equal(BinanceKeyType.Ed25519, signer.KeyType);
        Assert.Equal(KeyFiles.Rfc8032Test1Public, Convert.ToHexStringLower(signer.PublicKey));
    }

    [Fact]
    public void Rsa_key_file_in_pkcs1_or_pkcs8_gives_an_rsa_signer()
    {
        using var files = new KeyFiles();
        using var rsa = RSA.Create(2048);

        using var pkcs1 = (IDisposable)RequestSignerLoader.Load(new BinanceKeySource("api", files.Write("a.pem", rsa.ExportRSAPrivateKeyPem()), null));
        using var pkcs8 = (IDisposable)RequestSignerLoader.Load(new BinanceKeySource("api", files.Write("b.pem", rsa.ExportPkcs8PrivateKeyPem()), null));

        Assert.Equal(BinanceKeyType.Rsa, ((IRequestSigner)pkcs1).KeyType);
        Assert.Equal(BinanceKeyType.Rsa, ((IRequestSigner)pkcs8).KeyType);
    }

    [Fact]
    public void Secret_without_key_file_gives_an_hmac_signer()
    {
        var signer = RequestSignerLoader.Load(new BinanceKeySource("api", null, "secret"));

        Assert.Equal(BinanceKeyType.Hmac, signer.KeyType);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void Key_file_accessible_to_group_or_others_is_refused_with_the_fix(UnixFileMode mode, string octal)
    {
        if (OperatingSystem.IsWindows()) return;
        using var files = new KeyFiles();
        string pem = KeyFiles.Ed25519Pem();
        string path = files.Write("ed.pem", pem, mode);

        var e = Assert.Throws<BinanceKeyException>(() => RequestSignerLoader.Load(new BinanceKeySource("api", path, null)));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(octal, e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Owner_only_read_mode_400_is_accepted()
    {
        using var files = new KeyFiles();
        string path = files.Write("ed.pem", KeyFiles.Ed25519Pem(), UnixFileMode.UserRead);

        using var signer = (IDisposable)RequestSignerLoader.Load(new BinanceKeySource("api", path, null));

        Assert.NotNull(signer);
    }

    [Fact]
    public void Missing_api_key_or_private_key_names_the_variables()
    {
        var noApiKey = Assert.Throws<BinanceKeyException>(() => RequestSignerLoader.Load(new BinanceKeySource(null, null, "s")));
        var noPrivate = Assert.Throws<BinanceKeyException>(() => RequestSignerLoader.Load(new BinanceKeySource("a", null, null)));

        Assert.Contains(BinanceKeySource.ApiKeyVariable, noApiKey.Message, StringComparison.Ordinal);
        Assert.Contains(BinanceKeySource.PrivateKeyFileVariable, noPrivate.Message, StringComparison.Ordinal);
        Assert.Contains(BinanceKeySource.ApiSecretVariable, noPrivate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_key_file_is_a_key_error_that_does_not_quote_the_file()
    {
        using var files = new KeyFiles();
        const string garbage = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWVNFQ1JFVA==\n-----END PRIVATE KEY-----\n";
        string path = files.Write("bad.pem", garbage);

        var e = Assert.Throws<BinanceKeyException>(() => RequestSignerLoader.Load(new BinanceKeySource("api", path, null)));

        Assert.DoesNotContain("Tk9UQUtFWVNFQ1JFVA", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_values_win_over_the_environment_value_by_value()
    {
        var config = new BinanceKeySource("cfg-key", null, null);
        var env = new BinanceKeySource("env-key", "/env/file", "env-secret");

        var merged = config.Or(env);

        Assert.Equal(new BinanceKeySource("cfg-key", "/env/file", "env-secret"), merged);
    }
}
