namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// The start-up load of a watched models folder, under the rules a drop follows while running: what the manifest
/// promotes (or <c>default.onnx</c>) serves; when nothing is promoted, the model files present are handled as drops
/// would be, newest first, until one passes validation (it then serves and is recorded as promoted, as a drop is).
/// Every file refused on the way is logged and counted by the lifecycle. Without this, a folder holding only a
/// corrupt (or any non-default) model served the fallback with no refusal counted, as if it were empty.
/// </summary>
public static class ModelFolderStart
{
    /// <summary>
    /// Loads what <paramref name="lifecycle"/>'s folder should serve. Returns <see cref="ModelFolderStartOutcome.Served"/>,
    /// <see cref="ModelFolderStartOutcome.Empty"/> (no model file to serve: not an error, drops are awaited) or
    /// <see cref="ModelFolderStartOutcome.Refused"/> (model files present, every one tried was refused;
    /// <paramref name="refused"/> holds their reports, in the order tried).
    /// </summary>
    public static ModelFolderStartOutcome Load(ModelLifecycle lifecycle, out IReadOnlyList<ModelValidationReport> refused)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        var reports = new List<ModelValidationReport>();
        refused = reports;
        void Note(ModelValidationReport r) => reports.Add(r);
        lifecycle.Rejected += Note;
        try
        {
            if (lifecycle.LoadPromoted()) return ModelFolderStartOutcome.Served;
            if (reports.Count > 0) return ModelFolderStartOutcome.Refused; // the promoted model (or default.onnx) was refused
            foreach (var path in Candidates(lifecycle.Registry))
                if (lifecycle.OnModelFile(path) is { Passed: true }) return ModelFolderStartOutcome.Served;
            return reports.Count > 0 ? ModelFolderStartOutcome.Refused : ModelFolderStartOutcome.Empty;
        }
        finally { lifecycle.Rejected -= Note; }
    }

    // The newest first (the last drop wins while running); ties by name for a stable order.
    private static IEnumerable<string> Candidates(ModelRegistry registry) =>
        registry.ListModelFiles()
            .Where(p => !Loading.ReturnModelPath.Is(p)) // a direction model's companion regressor: never a candidate itself
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ThenBy(p => p, StringComparer.Ordinal);
}
