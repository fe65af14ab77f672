// Compiled twice: by the inline MSBuild task in TorchSharpGlibcxx.targets (with the task class below) and, with
// HFT_ELF_PATCHER_ONLY defined, into tests/HftScalper.DeepLearning.Tests, which test the patcher on real files.
// Plain C# 7.3 on purpose: MSBuild's RoslynCodeTaskFactory compiles it against netstandard.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HftScalper.Build
{
    /// <summary>
    /// Marks version needs of an ELF64 little-endian shared object weak (<c>VER_FLG_WEAK</c> in the
    /// <c>.gnu.version_r</c> entry): the dynamic loader then accepts a library that lacks that version instead of
    /// refusing to load. Safe only when no relocation binds a symbol of that version (the case of
    /// <c>GLIBCXX_3.4.32</c> in TorchSharp's <c>libLibTorchSharp.so</c>: its one symbol, <c>std::ios_base_library_init()</c>,
    /// is a bare <c>.globl</c> reference that GCC 13's &lt;iostream&gt; emits to pin the version, never called).
    /// </summary>
    public static class ElfVersionNeed
    {
        /// <summary>The <c>vna_flags</c> bit that makes a version need optional.</summary>
        public const ushort WeakFlag = 0x2;

        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>
        /// Sets the weak flag on every need of <paramref name="library"/> named in <paramref name="versions"/> in
        /// <paramref name="elf"/> (in place). Returns how many entries changed (0 when already weak or absent).
        /// </summary>
        /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or a malformed version section.</exception>
        public static int MarkWeak(byte[] elf, string library, ICollection<string> versions)
        {
            if (elf == null) throw new ArgumentNullException(nameof(elf));
            if (versions == null) throw new ArgumentNullException(nameof(versions));
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
            long shoff = (long)U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            int changed = 0;
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                Check(elf, sh, 64);
                if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
                long offset = (long)U64(elf, sh + 0x18);
                uint link = U32(elf, sh + 0x28), count = U32(elf, sh + 0x2C);
                long strtab = (long)U64(elf, shoff + (long)link * shentsize + 0x18);
                long need = offset;
                for (uint n = 0; n < count; n++)
                {
                    Check(elf, need, 16);
                    int auxCount = U16(elf, need + 2);
                    string file = Str(elf, strtab + U32(elf, need + 4));
                    long aux = need + U32(elf, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Check(elf, aux, 16);
                        if (file == library && versions.Contains(Str(elf, strtab + U32(elf, aux + 8))))
                        {
                            int flags = U16(elf, aux + 4);
                            if ((flags & WeakFlag) == 0)
                            {
                                flags |= WeakFlag;
                                elf[aux + 4] = (byte)flags;
                                elf[aux + 5] = (byte)(flags >> 8);
                                changed++;
                            }
                        }
                        aux += U32(elf, aux + 12);
                    }
                    uint next = U32(elf, need + 12);
                    if (next == 0) break;
                    need += next;
                }
            }
            return changed;
        }

        /// <summary>
        /// The version needs of <paramref name="library"/> in <paramref name="elf"/> with their weak flag, in file order.
        /// </summary>
        public static List<KeyValuePair<string, bool>> Needs(byte[] elf, string library)
        {
            var all = new List<KeyValuePair<string, bool>>();
            if (elf == null) throw new ArgumentNullException(nameof(elf));
            long shoff = (long)U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
                long need = (long)U64(elf, sh + 0x18);
                long strtab = (long)U64(elf, shoff + (long)U32(elf, sh + 0x28) * shentsize + 0x18);
                for (uint n = 0; n < U32(elf, sh + 0x2C); n++)
                {
                    string file = Str(elf, strtab + U32(elf, need + 4));
                    long aux = need + U32(elf, need + 8);
                    for (int a = 0; a < U16(elf, need + 2); a++)
                    {
                        if (file == library) all.Add(new KeyValuePair<string, bool>(Str(elf, strtab + U32(elf, aux + 8)), (U16(elf, aux + 4) & WeakFlag) != 0));
                        aux += U32(elf, aux + 12);
                    }
                    need += U32(elf, need + 12);
                }
            }
            return all;
        }

        /// <summary>
        /// Patches the file at <paramref name="path"/> through a temporary file and a rename, so a hard link to the
        /// package cache is never written through. Returns the entries changed.
        /// </summary>
        public static int MarkWeak(string path, string library, ICollection<string> versions)
        {
            var bytes = File.ReadAllBytes(path);
            int changed = MarkWeak(bytes, library, versions);
            if (changed == 0) return 0;
            var temp = path + ".weak-tmp";
            File.WriteAllBytes(temp, bytes);
            File.Delete(path);
            File.Move(temp, path);
            return changed;
        }

        private static void Check(byte[] b, long at, int length)
        {
            if (at < 0 || at + length > b.Length) throw new InvalidDataException("ELF structure points outside the file");
        }

        private static int U16(byte[] b, long at) { Check(b, at, 2); return b[at] | (b[at + 1] << 8); }

        private static uint U32(byte[] b, long at) { Check(b, at, 4); return BitConverter.ToUInt32(b, (int)at); }

        private static ulong U64(byte[] b, long at) { Check(b, at, 8); return BitConverter.ToUInt64(b, (int)at); }

        private static string Str(byte[] b, long at)
        {
            long end = at;
            while (end < b.Length && b[end] != 0) end++;
            Check(b, at, (int)(end - at));
            return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
        }
    }

#if !HFT_ELF_PATCHER_ONLY
    /// <summary>MSBuild task: <see cref="ElfVersionNeed.MarkWeak(string, string, ICollection{string})"/> on each file.</summary>
    public sealed class HftElfWeakVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The ELF files to patch in place (missing ones are skipped).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; }

        /// <summary>The needed library whose versions are weakened, e.g. <c>libstdc++.so.6</c>.</summary>
        [Microsoft.Build.Framework.Required]
        public string Library { get; set; }

        /// <summary>Semicolon-separated version names, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        [Microsoft.Build.Framework.Required]
        public string Versions { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            var versions = new HashSet<string>(Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
            foreach (var item in Files)
            {
                var path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                try
                {
                    int changed = ElfVersionNeed.MarkWeak(path, Library, versions);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        "{0}: {1} version need(s) of {2} marked weak ({3})", path, changed, Library, Versions);
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogError("cannot weaken the {0} version needs of {1}: {2}", Library, path, e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
