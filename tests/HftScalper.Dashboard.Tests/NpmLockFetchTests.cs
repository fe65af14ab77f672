using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HftScalper.Dashboard.Tests;

/// <summary>
/// The dashboard's build installs its chart library from the npm registry without Node.js (eng/NpmLockFetch.cs, an
/// MSBuild inline task). These run the real task in a real <c>dotnet msbuild</c> against a registry served on
/// 127.0.0.1: a package whose tarball matches the lock's sha512 is unpacked the way npm lays it out; a mismatch, or
/// an entry that escapes the package folder, installs nothing and fails the build.
/// </summary>
public sealed class NpmLockFetchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-npmfetch-").FullName;

    [Fact]
    public async Task Installs_a_locked_package_whose_sha512_matches()
    {
        byte[] tgz = Tarball(("package/package.json", "{\"name\":\"demo\",\"version\":\"1.0.0\"}"), ("package/dist/demo.js", "var demo=1;"));
        var (code, output) = await RunAsync(tgz, Integrity(tgz));

        Assert.True(code == 0, output);
        Assert.Equal("var demo=1;", File.ReadAllText(Path.Combine(_dir, "out", "node_modules", "demo", "dist", "demo.js")));
    }

    [Fact]
    public async Task Refuses_a_tarball_whose_sha512_differs_from_the_lock()
    {
        byte[] tgz = Tarball(("package/dist/demo.js", "var demo=1;"));
        byte[] other = Tarball(("package/dist/demo.js", "var demo=2;"));
        var (code, output) = await RunAsync(tgz, Integrity(other));

        Assert.NotEqual(0, code);
        Assert.Contains("differs from the lock", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out", "node_modules", "demo")));
    }

    [Fact]
    public async Task Refuses_an_entry_that_escapes_the_package_folder()
    {
        byte[] tgz = Tarball(("package/../../evil.js", "x"));
        var (code, output) = await RunAsync(tgz, Integrity(tgz));

        Assert.NotEqual(0, code);
        Assert.Contains("outside the package", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "evil.js")));
    }

    private async Task<(int Code, string Output)> RunAsync(byte[] served, string integrity)
    {
        File.WriteAllText(Path.Combine(_dir, "package-lock.json"), $$"""
            { "name": "t", "lockfileVersion": 3, "requires": true, "packages": {
              "": { "name": "t", "dependencies": { "demo": "1.0.0" } },
              "node_modules/demo": { "version": "1.0.0", "integrity": "{{integrity}}", "license": "MIT" } } }
            """);
        string task = Path.Combine(TestData.RepoRoot, "eng", "NpmLockFetch.cs");
        File.WriteAllText(Path.Combine(_dir, "t.proj"), $"""
            <Project>
              <UsingTask TaskName="HftScalper.Build.HftNpmLockFetch" TaskFactory="RoslynCodeTaskFactory" AssemblyFile="$(MSBuildToolsPath)/Microsoft.Build.Tasks.Core.dll">
                <Task><Code Type="Class" Language="cs" Source="{task}" /></Task>
              </UsingTask>
              <Target Name="Build"><HftNpmLockFetch LockFile="package-lock.json" DestinationDir="out" Registry="$(Registry)" /></Target>
            </Project>
            """);

        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (HttpListenerException) { return; } catch (ObjectDisposedException) { return; }
                bool known = ctx.Request.Url!.AbsolutePath == "/demo/-/demo-1.0.0.tgz";
                ctx.Response.StatusCode = known ? 200 : 404;
                if (known) await ctx.Response.OutputStream.WriteAsync(served);
                ctx.Response.Close();
            }
        });

        var psi = new ProcessStartInfo("dotnet", ["msbuild", "t.proj", "-nologo", "-nodeReuse:false", $"-p:Registry=http://127.0.0.1:{port}/"])
        {
            WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        listener.Stop();
        await serving;
        return (process.ExitCode, await stdout + await stderr);
    }

    private static byte[] Tarball(params (string Name, string Text)[] files)
    {
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(zip, TarEntryFormat.Ustar))
        {
            foreach (var (name, text) in files)
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        return gz.ToArray();
    }

    private static string Integrity(byte[] tgz) => "sha512-" + Convert.ToBase64String(SHA512.HashData(tgz));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
