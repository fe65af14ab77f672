using Google.Protobuf;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>Writes models with their metadata to disk.</summary>
public static class OnnxModelFile
{
    /// <summary>Replaces the model's <c>hft.*</c> metadata entries with <paramref name="metadata"/> (other keys stay).</summary>
    public static void SetMetadata(ModelProto model, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        var props = metadata.ToProperties();
        for (int i = model.MetadataProps.Count - 1; i >= 0; i--)
            if (props.ContainsKey(model.MetadataProps[i].Key)) model.MetadataProps.RemoveAt(i);
        foreach (var (k, v) in props.OrderBy(p => p.Key, StringComparer.Ordinal))
            model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
    }

    /// <summary>
    /// Writes the model with its metadata to <paramref name="path"/> atomically (temporary file, then rename), so a
    /// folder watcher never sees a half-written model.
    /// </summary>
    public static void Save(ModelProto model, ModelMetadata metadata, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SetMetadata(model, metadata);
        Write(model, path);
    }

    /// <summary>Writes the model as it is to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Write(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp");
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            model.WriteTo(fs);
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, full, overwrite: true);
    }
}
