// Compiled by MSBuild's RoslynCodeTaskFactory (see src/HftScalper.Dashboard/HftScalper.Dashboard.csproj), so it
// targets the netstandard surface MSBuild gives inline tasks: no System.Text.Json, no System.Formats.Tar.
using System;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HftScalper.Build
{
    /// <summary>
    /// Installs the packages a package-lock.json (lockfileVersion 2/3) pins, straight from the npm registry, without
    /// Node.js: a fresh machine has only the .NET SDK, so the dashboard's build must not need npm. Each tarball is
    /// checked against the lock's sha512 integrity before a byte of it is unpacked, and is unpacked into
    /// node_modules/NAME the way npm lays it out. A package already unpacked at the locked version is left alone, so
    /// an incremental (or offline) build downloads nothing.
    /// </summary>
    public sealed class HftNpmLockFetch : Task
    {
        /// <summary>The package-lock.json to install.</summary>
        [Required] public string LockFile { get; set; }

        /// <summary>The directory that receives node_modules/.</summary>
        [Required] public string DestinationDir { get; set; }

        /// <summary>Registry base URL; empty means $npm_config_registry, else https://registry.npmjs.org/.</summary>
        public string Registry { get; set; }

        // "node_modules/<name>": { ... "version": "x", ... "integrity": "sha512-..." ... } (nested deps use the same key form).
        private static readonly Regex Entry = new Regex(
            "\"node_modules/(?<name>(?:@[^/\"]+/)?[^/\"]+)\"\\s*:\\s*\\{(?<body>[^{}]*)\\}", RegexOptions.Compiled);
        private static readonly Regex Version = new Regex("\"version\"\\s*:\\s*\"(?<v>[^\"]+)\"", RegexOptions.Compiled);
        private static readonly Regex Integrity = new Regex("\"integrity\"\\s*:\\s*\"sha512-(?<h>[^\"]+)\"", RegexOptions.Compiled);

        public override bool Execute()
        {
            string registry = !string.IsNullOrEmpty(Registry) ? Registry
                : Environment.GetEnvironmentVariable("npm_config_registry") ?? "https://registry.npmjs.org/";
            if (!registry.EndsWith("/", StringComparison.Ordinal)) registry += "/";
            string lockText = File.ReadAllText(LockFile);
            int count = 0;
            using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) })
            {
                foreach (Match m in Entry.Matches(lockText))
                {
                    string name = m.Groups["name"].Value;
                    string body = m.Groups["body"].Value;
                    Match v = Version.Match(body), h = Integrity.Match(body);
                    if (!v.Success || !h.Success)
                    {
                        Log.LogError($"{LockFile}: node_modules/{name} has no version or sha512 integrity; refusing to install it unchecked");
                        return false;
                    }
                    count++;
                    if (!Install(http, registry, name, v.Groups["v"].Value, h.Groups["h"].Value)) return false;
                }
            }
            if (count == 0) Log.LogError($"{LockFile}: no package entries found (expected lockfileVersion 2 or 3)");
            return count > 0 && !Log.HasLoggedErrors;
        }

        private bool Install(HttpClient http, string registry, string name, string version, string integrity)
        {
            string target = Path.Combine(DestinationDir, "node_modules", name.Replace('/', Path.DirectorySeparatorChar));
            string stamp = Path.Combine(target, ".hft-installed");
            if (File.Exists(stamp) && File.ReadAllText(stamp) == version + " " + integrity) return true;

            string baseName = name.Contains("/") ? name.Substring(name.IndexOf('/') + 1) : name;
            string url = registry + name + "/-/" + baseName + "-" + version + ".tgz";
            byte[] tgz;
            try
            {
                tgz = http.GetByteArrayAsync(url).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Log.LogError($"could not fetch {url}: {e.Message} (the dashboard's chart library comes from the npm registry; set npm_config_registry for a mirror)");
                return false;
            }
            string actual;
            using (var sha = SHA512.Create()) actual = Convert.ToBase64String(sha.ComputeHash(tgz));
            if (actual != integrity)
            {
                Log.LogError($"{url}: sha512 {actual} differs from the lock's {integrity}; not installed");
                return false;
            }
            if (Directory.Exists(target)) Directory.Delete(target, true);
            Directory.CreateDirectory(target);
            using (var gz = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress))
            {
                if (!UntarPackage(gz, target, url)) return false;
            }
            File.WriteAllText(stamp, version + " " + integrity);
            Log.LogMessage(MessageImportance.High, $"installed {name}@{version} from {registry} (sha512 verified)");
            return true;
        }

        // A ustar reader for npm tarballs: regular files and directories under the archive's first path component
        // ("package/"), which npm strips. Anything that would land outside the target is refused.
        private bool UntarPackage(Stream tar, string target, string url)
        {
            var header = new byte[512];
            string fullTarget = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
            while (ReadBlock(tar, header))
            {
                if (AllZero(header)) return true;
                string name = CString(header, 0, 100);
                string prefix = CString(header, 345, 155);
                if (prefix.Length > 0) name = prefix + "/" + name;
                string octal = CString(header, 124, 12).Trim();
                long size = octal.Length == 0 ? 0 : Convert.ToInt64(octal, 8);
                char type = (char)header[156];
                var data = new byte[size];
                if (size > 0 && ReadFully(tar, data) != size)
                {
                    Log.LogError($"{url}: tarball ends inside {name}");
                    return false;
                }
                long pad = (512 - size % 512) % 512;
                if (pad > 0) ReadFully(tar, new byte[pad]);
                if (type != '0' && type != '\0' && type != '5') continue; // pax headers, links: npm packages need none
                int slash = name.IndexOf('/');
                string relative = slash < 0 ? "" : name.Substring(slash + 1);
                if (relative.Length == 0) continue;
                string path = Path.GetFullPath(Path.Combine(target, relative.Replace('/', Path.DirectorySeparatorChar)));
                if (!path.StartsWith(fullTarget, StringComparison.Ordinal))
                {
                    Log.LogError($"{url}: entry {name} points outside the package; not installed");
                    return false;
                }
                if (type == '5') { Directory.CreateDirectory(path); continue; }
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllBytes(path, data);
            }
            return true;
        }

        private static bool ReadBlock(Stream s, byte[] block) => ReadFully(s, block) == block.Length;

        private static int ReadFully(Stream s, byte[] buffer)
        {
            int total = 0, n;
            while (total < buffer.Length && (n = s.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            return total;
        }

        private static bool AllZero(byte[] block)
        {
            foreach (byte b in block) if (b != 0) return false;
            return true;
        }

        private static string CString(byte[] block, int offset, int length)
        {
            int end = offset;
            while (end < offset + length && block[end] != 0) end++;
            return Encoding.UTF8.GetString(block, offset, end - offset);
        }
    }
}
