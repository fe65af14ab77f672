using System.Security.Cryptography;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// The models folder on disk: model files, the <see cref="ModelManifest"/> (<c>manifest.json</c>) naming the promoted
/// model, its history and the shadow candidate, and <c>archive/</c> holding the registry's own copy of every model
/// the manifest references (so rollback does not depend on the dropped file staying put). Every change rewrites the
/// manifest atomically. Used by the running engine (via <see cref="ModelLifecycle"/>) and by <c>hft models</c>.
/// Validation is the caller's job: the registry records, it does not judge.
/// </summary>
public sealed class ModelRegistry
{
    /// <summary>The archive sub-folder name.</summary>
    public const string ArchiveFolder = "archive";

    /// <summary>A file with this name counts as promoted when there is no manifest (the bundled model).</summary>
    public const string DefaultModelFile = "default.onnx";

    /// <summary>Opens (without creating anything) the registry in <paramref name="directory"/>.</summary>
    public ModelRegistry(string directory, int historyDepth = 5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyDepth);
        Directory = Path.GetFullPath(directory);
        HistoryDepth = historyDepth;
    }

    /// <summary>The models folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>Previous promoted models kept for rollback.</summary>
    public int HistoryDepth { get; }

    /// <summary>Full path of the manifest.</summary>
    public string ManifestPath => Path.Combine(Directory, ModelManifest.FileName);

    /// <summary>Reads the manifest; an absent one is empty. Throws <see cref="InvalidDataException"/> when it is corrupt.</summary>
    public ModelManifest Read()
    {
        if (!File.Exists(ManifestPath)) return new ModelManifest();
        return ModelManifest.Parse(File.ReadAllText(ManifestPath), ManifestPath);
    }

    /// <summary>
    /// The entry that should serve: the manifest's promoted model, or <c>default.onnx</c> when there is no
    /// promoted entry (then with note <c>default</c> and no archive copy), or null.
    /// </summary>
    public ModelManifestEntry? Live(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Promoted is not null) return manifest.Promoted;
        var path = Path.Combine(Directory, DefaultModelFile);
        if (!File.Exists(path)) return null;
        return new ModelManifestEntry(DefaultModelFile, "", Sha256Of(path), "", "", "", File.GetLastWriteTimeUtc(path), "default");
    }

    /// <summary>Model files in the folder (<c>*.onnx</c>, not hidden, not archived), by name.</summary>
    public IReadOnlyList<string> ListModelFiles() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.onnx").Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The file to load for <paramref name="entry"/>: its archive copy when present, else the file itself.</summary>
    public string PathOf(ModelManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Archive.Length > 0)
        {
            var archived = Path.Combine(Directory, entry.Archive);
            if (File.Exists(archived)) return archived;
        }
        return Path.Combine(Directory, entry.File);
    }

    /// <summary>
    /// Records the validated model at <paramref name="path"/> as promoted: archives a copy, pushes the model that
    /// served until now onto the history (trimmed to <see cref="HistoryDepth"/>), clears the candidate when it is the
    /// same model, and writes the manifest. Returns the new entry. On a first promotion the model that served is
    /// <c>default.onnx</c> (when present): it is archived and recorded too, so the promotion can be rolled back.
    /// </summary>
    public ModelManifestEntry Promote(string path, string sha256, ModelMetadata metadata, string note)
    {
        var m = Read();
        var entry = Archive(path, sha256, metadata, note);
        var serving = m.Promoted ?? (Live(m) is { } d && d.Sha256 != sha256 ? ArchiveDefault(d) : null);
        if (serving is not null && serving.Sha256 != sha256) m.History.Insert(0, serving);
        m.Promoted = entry;
        if (m.History.Count > HistoryDepth) m.History.RemoveRange(HistoryDepth, m.History.Count - HistoryDepth);
        if (m.Candidate?.Sha256 == sha256) m.Candidate = null;
        Write(m);
        return entry;
    }

    /// <summary>
    /// Makes the newest history entry promoted again (the current one is dropped from the record) and writes the
    /// manifest. Returns it, or null when there is no history. Validate <see cref="Previous"/> before calling.
    /// </summary>
    public ModelManifestEntry? Rollback()
    {
        var m = Read();
        if (m.History.Count == 0) return null;
        var back = m.History[0] with { RecordedUtc = DateTimeOffset.UtcNow, Note = "rollback" };
        m.History.RemoveAt(0);
        m.Promoted = back;
        Write(m);
        return back;
    }

    /// <summary>The entry a rollback would restore, or null.</summary>
    public ModelManifestEntry? Previous() => Read().History.FirstOrDefault();

    /// <summary>Records the validated model at <paramref name="path"/> as the shadow candidate and writes the manifest.</summary>
    public ModelManifestEntry SetCandidate(string path, string sha256, ModelMetadata metadata)
    {
        var m = Read();
        m.Candidate = Archive(path, sha256, metadata, "shadow");
        Write(m);
        return m.Candidate;
    }

    /// <summary>Forgets the shadow candidate.</summary>
    public void ClearCandidate()
    {
        var m = Read();
        if (m.Candidate is null) return;
        m.Candidate = null;
        Write(m);
    }

    /// <summary>Writes the manifest atomically and deletes archive copies no entry references any more.</summary>
    public void Write(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        System.IO.Directory.CreateDirectory(Directory);
        var tmp = Path.Combine(Directory, "." + ModelManifest.FileName + ".tmp");
        File.WriteAllText(tmp, manifest.ToJson());
        File.Move(tmp, ManifestPath, overwrite: true);
        PruneArchive(manifest);
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string Sha256Of(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    // The bundled default.onnx as a history entry with its own archive copy (rollback must not depend on the file
    // staying put). Its metadata is not read here (the registry records, it does not load): name and version stay empty.
    private ModelManifestEntry ArchiveDefault(ModelManifestEntry live)
    {
        var (_, archive) = CopyToArchive(Path.Combine(Directory, live.File), live.Sha256);
        return live with { Archive = archive, RecordedUtc = DateTimeOffset.UtcNow };
    }

    private ModelManifestEntry Archive(string path, string sha256, ModelMetadata metadata, string note)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var (file, archive) = CopyToArchive(path, sha256);
        return new ModelManifestEntry(file, archive, sha256, metadata.Name, metadata.Version, metadata.SchemaHash, DateTimeOffset.UtcNow, note);
    }

    // Copies the file into archive/ (once) and returns the entry's file and archive references.
    private (string File, string Archive) CopyToArchive(string path, string sha256)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        var archiveDir = Path.Combine(Directory, ArchiveFolder);
        // Already one of our copies (a candidate loaded from the manifest): reference it, do not copy it again.
        var archive = Path.GetDirectoryName(full) == archiveDir ? Path.Combine(ArchiveFolder, name) : Path.Combine(ArchiveFolder, $"{sha256[..12]}-{name}");
        var target = Path.Combine(Directory, archive);
        if (!File.Exists(target))
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var tmp = target + ".tmp";
            File.Copy(full, tmp, overwrite: true);
            File.Move(tmp, target, overwrite: true);
        }
        // A file promoted from outside the folder is referenced by its archive copy only.
        string file = Path.GetDirectoryName(full) == Directory ? name : archive;
        return (file, archive);
    }

    private void PruneArchive(ModelManifest m)
    {
        var dir = Path.Combine(Directory, ArchiveFolder);
        if (!System.IO.Directory.Exists(dir)) return;
        var keep = m.History.Prepend(m.Promoted).Append(m.Candidate).Where(e => e is not null)
            .Select(e => Path.GetFullPath(Path.Combine(Directory, e!.Archive))).ToHashSet(StringComparer.Ordinal);
        foreach (var f in System.IO.Directory.EnumerateFiles(dir, "*.onnx"))
            if (!keep.Contains(Path.GetFullPath(f)))
                try { File.Delete(f); } catch (IOException) { } // in use elsewhere: the next write retries
    }
}
