namespace HftScalper.Binance.Tests.Auth;

/// <summary>Real key files in a private temp directory, deleted on dispose.</summary>
internal sealed class KeyFiles : IDisposable
{
    /// <summary>RFC 8032 section 7.1 TEST 1 secret key (seed).</summary>
    public const string Rfc8032Test1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    /// <summary>RFC 8032 TEST 1 public key.</summary>
    public const string Rfc8032Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /// <summary>RFC 8032 TEST 1 signature of the empty message.</summary>
    public const string Rfc8032Test1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    public KeyFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hft-keys-").FullName;
    }

    public string Directory { get; }

    /// <summary>The RFC 8032 TEST 1 key as the PKCS#8 PEM <c>openssl genpkey -algorithm ed25519</c> writes.</summary>
    public static string Ed25519Pem(string seedHex = Rfc8032Test1Seed)
    {
        byte[] der = Convert.FromHexString("302e020100300506032b657004220420" + seedHex);
        return "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(der) + "\n-----END PRIVATE KEY-----\n";
    }

    public string Write(string name, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
