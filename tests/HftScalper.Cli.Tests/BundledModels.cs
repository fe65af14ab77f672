using Google.Protobuf;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>The bundled models as tests of the machinery around a model (adaptation, fills, margin) need them.</summary>
internal static class BundledModels
{
    /// <summary>A file of the repository's <c>models/</c> folder.</summary>
    public static string File(string name) => Path.Combine(TestData.RepoRoot, "models", name);

    /// <summary>
    /// The bundled opt-in one-vs-rest model (10 s, no serving-time correction): it calls entries on the simulator's
    /// BTCUSDT from its first minutes, where the default (two-stage since session 13, behind its per-symbol baseline
    /// gate) calls none in the main command's 10 minutes, so it is the model of tests that need fills.
    /// </summary>
    public static string Trading => File("btc-sim-10s.onnx");

    /// <summary>
    /// The bundled default's trees served as trained: a copy of <c>models/default.onnx</c> in <paramref name="dir"/>
    /// without its <c>hft.move_prior</c> key (no per-symbol move prior, no baseline gate), its return regressor beside it.
    /// The gate serves each symbol's realised baseline wherever the model loses, so a simulated regime change leaves the
    /// served log-loss flat and raises no drift alarm; a test of the retrain/promote loop needs a model that degrades.
    /// </summary>
    public static string DefaultServedAsTrained(string dir)
    {
        var model = ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(File("default.onnx")));
        var prior = model.MetadataProps.Where(p => p.Key == "hft.move_prior").ToList();
        if (prior.Count == 0) throw new InvalidOperationException("models/default.onnx has no hft.move_prior: use it as it is");
        foreach (var p in prior) model.MetadataProps.Remove(p);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "default-as-trained.onnx");
        System.IO.File.WriteAllBytes(path, model.ToByteArray());
        System.IO.File.Copy(File("default.return.onnx"), Path.Combine(dir, "default-as-trained.return.onnx"), overwrite: true);
        return path;
    }
}
