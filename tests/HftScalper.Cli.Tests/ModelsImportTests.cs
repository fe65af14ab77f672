using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Features.Engine;
using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft models import</c>: an ONNX model trained elsewhere (built here as Python exports one, without our metadata)
/// is checked against the feature contract (docs/model-contract.md), written with metadata into the models folder
/// (the source untouched) and then serves <c>hft replay</c>; every mismatch is refused with one line.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ModelsImportTests : IDisposable
{
    private static readonly FeatureSchema Engine = FeatureEngine.DefaultSchema;
    private readonly string _dir = Hft.TempDir();
    private readonly string _models;

    public ModelsImportTests()
    {
        _models = Path.Combine(_dir, "models");
        Directory.CreateDirectory(_models);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Foreign(int features, string name = "foreign.onnx", int seed = 7) =>
        ForeignModels.Save(ForeignModels.Mlp(features, seed), Path.Combine(_dir, name));

    private string NamesFile(IEnumerable<string> names, string file = "features.txt")
    {
        var path = Path.Combine(_dir, file);
        File.WriteAllLines(path, ["# feature order of the training frame", .. names]);
        return path;
    }

    private static string[] EngineNames() => [.. Engine.Features.Select(f => f.Name)];

    private JsonObject Import(int expectedExit, params string[] args)
    {
        // A generous latency budget: these tests are about the contract, and a loaded machine must not refuse a model as slow.
        var run = Hft.Run(["models", "import", .. args, "--dir", _models, "--canary-seconds", "20", "--budget-us", "100000", "--json"]);
        Assert.True(run.ExitCode == expectedExit, run.ToString());
        return run.SingleJson();
    }

    private JsonObject Replay(string model)
    {
        string config = Path.Combine(_dir, "zero-fees.json");
        File.WriteAllText(config, """{ "makerFeePpm": 0, "takerFeePpm": 0 }""");
        var run = Hft.Run(["replay", "--model", model, "--sim-minutes", "1", "--quiet", "--json", "--config", config]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private string[] ModelFiles() => [.. Directory.EnumerateFiles(_models, "*", SearchOption.AllDirectories).Select(Path.GetFileName)!];

    [Fact]
    public void A_foreign_model_imported_with_a_feature_list_replays_exactly_like_the_same_graph_made_here()
    {
        string source = Foreign(Engine.Count);
        string before = Sha(source);

        var o = Import(0, source, "--features", NamesFile(EngineNames()), "--name", "py-mlp");

        Assert.True(o["passed"]!.GetValue<bool>(), o.ToJsonString());
        Assert.False(o["hadMetadata"]!.GetValue<bool>());
        string imported = o["file"]!.GetValue<string>();
        Assert.Equal(Path.Combine(_models, "py-mlp.onnx"), imported);
        Assert.Equal(before, Sha(source));                                         // the source is untouched
        Assert.Equal(ForeignModels.Probabilities, o["outputTensor"]!.GetValue<string>());
        Assert.Equal(3, o["sampleScores"]!.AsArray().Count);
        Assert.Equal(Engine.Hash, o["schemaHash"]!.GetValue<string>());

        // The same graph given our metadata the way hft train writes it: the imported file must decide identically.
        string native = Path.Combine(_dir, "native.onnx");
        var md = new ModelMetadata("native-mlp", "1", Engine.Hash, EngineNames(), ModelInputKind.Tabular, 1, ModelOutputKind.Classification,
            ["down", "flat", "up"], ForeignModels.Probabilities, TimeSpan.FromSeconds(2), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            "{}", DateTimeOffset.UtcNow, "test");
        OnnxModelFile.Save(ForeignModels.Mlp(Engine.Count), md, native);

        var viaImport = Replay(imported);
        var viaNative = Replay(native);
        Assert.True(viaImport["modelSignals"]!.GetValue<long>() > 0, viaImport.ToJsonString());
        Assert.Equal(0, viaImport["fallbackSignals"]!.GetValue<long>());
        Assert.Equal(viaNative["digest"]!.GetValue<string>(), viaImport["digest"]!.GetValue<string>());
        Assert.Equal(viaNative["modelSignals"]!.GetValue<long>(), viaImport["modelSignals"]!.GetValue<long>());

        var list = Hft.Run(["models", "list", "--dir", _models, "--json"]).SingleJson();
        var entry = list["files"]!.AsArray().Single(f => f!["file"]!.GetValue<string>() == "py-mlp.onnx")!;
        Assert.True(entry["schemaMatches"]!.GetValue<bool>(), list.ToJsonString());
        Assert.Equal("py-mlp", entry["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_parquet_of_hft_features_defines_the_column_order_and_promote_records_the_model()
    {
        string parquet = Path.Combine(_dir, "rows.parquet");
        var features = Hft.Run(["features", "--sim-minutes", "0.2", "--every", "1s", "--out", parquet, "--json"]);
        Assert.True(features.ExitCode == 0, features.ToString());

        var o = Import(0, Foreign(Engine.Count), "--features", parquet, "--name", "from-parquet", "--promote");

        Assert.Contains("parquet", o["featuresFrom"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("parquet", o["sampleRow"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("from-parquet.onnx", o["promoted"]!["file"]!.GetValue<string>());
        var list = Hft.Run(["models", "list", "--dir", _models, "--json"]).SingleJson();
        Assert.Equal("from-parquet.onnx", list["promoted"]!["file"]!.GetValue<string>());
    }

    [Fact]
    public void The_engine_schema_hash_stands_for_the_feature_list_and_another_hash_is_refused()
    {
        var ok = Import(0, Foreign(Engine.Count), "--schema", Engine.Hash[..12], "--name", "by-hash");
        Assert.True(ok["passed"]!.GetValue<bool>());

        var refused = Import(3, Foreign(Engine.Count, "other.onnx"), "--schema", "47298f1f5efd", "--name", "old-hash");
        Assert.Contains("47298f1f5efd", refused["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("old-hash.onnx", ModelFiles());
    }

    [Fact]
    public void A_config_file_s_features_section_is_not_taken_for_the_features_option()
    {
        // "features" is both a verb (its section in the file) and import's option: the section must not become --features.
        string config = Path.Combine(_dir, "hft.json");
        File.WriteAllText(config, """{ "features": { "every": "1s" } }""");

        Environment.SetEnvironmentVariable("HFT_CONFIG", config);
        JsonObject o;
        try { o = Import(0, Foreign(Engine.Count), "--schema", Engine.Hash); }
        finally { Environment.SetEnvironmentVariable("HFT_CONFIG", null); }

        Assert.StartsWith("schema hash", o["featuresFrom"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_whose_input_width_differs_from_the_contract_is_refused()
    {
        var o = Import(3, Foreign(Engine.Count - 1), "--features", NamesFile(EngineNames()));

        string message = o["message"]!.GetValue<string>();
        Assert.Contains($"[batch,{Engine.Count - 1}]", message, StringComparison.Ordinal);
        Assert.Contains($"{Engine.Count} features", message, StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public void A_feature_list_in_another_order_is_refused_naming_the_first_differing_column()
    {
        var names = EngineNames();
        (names[5], names[6]) = (names[6], names[5]);

        var o = Import(3, Foreign(Engine.Count), "--features", NamesFile(names));

        string message = o["message"]!.GetValue<string>();
        Assert.Contains($"column 5 is '{names[5]}'", message, StringComparison.Ordinal);
        Assert.Contains($"'{names[6]}'", message, StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public void A_parquet_with_its_columns_in_another_order_is_refused_naming_the_first_differing_column()
    {
        var defs = Engine.Features.ToArray();
        (defs[0], defs[1]) = (defs[1], defs[0]);
        string parquet = Path.Combine(_dir, "reordered.parquet");
        using (var writer = new ParquetFeatureWriter(parquet, new FeatureSchema(Engine.Version, defs), new SymbolRegistry()))
            writer.Add(default, new float[defs.Length]);

        var o = Import(3, Foreign(Engine.Count), "--features", parquet);

        Assert.Contains($"column 0 is '{defs[0].Name}'", o["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public void A_corrupt_file_is_refused_and_nothing_is_written()
    {
        var bytes = File.ReadAllBytes(Foreign(Engine.Count));
        string corrupt = Path.Combine(_dir, "corrupt.onnx");
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]);

        var o = Import(3, corrupt, "--features", NamesFile(EngineNames()));

        Assert.Contains("not an ONNX model or truncated", o["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public void A_model_without_metadata_and_without_a_feature_contract_is_refused()
    {
        var o = Import(3, Foreign(Engine.Count));

        Assert.Contains("--features", o["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public void Scores_that_are_not_probabilities_are_refused_on_the_sample_row()
    {
        var model = ForeignModels.Mlp(Engine.Count);
        // Logits instead of probabilities: drop the Softmax and let the last Gemm write the output.
        var g = model.Graph;
        var softmax = g.Node.Single(n => n.OpType == "Softmax");
        string logits = softmax.Input[0];
        g.Node.Remove(softmax);
        foreach (var n in g.Node)
        {
            for (int i = 0; i < n.Output.Count; i++) if (n.Output[i] == logits) n.Output[i] = ForeignModels.Probabilities;
            for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == logits) n.Input[i] = ForeignModels.Probabilities;
        }
        string path = ForeignModels.Save(model, Path.Combine(_dir, "logits.onnx"));

        var o = Import(3, path, "--features", NamesFile(EngineNames()));

        Assert.Contains("not probabilities", o["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(ModelFiles());
    }
}
