using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly LifecycleModels _m = new();

    public void Dispose() => _m.Dispose();

    private (string Path, string Sha) Model(string file, int seed)
    {
        var path = _m.Write(file, seed);
        return (path, ModelRegistry.Sha256Of(path));
    }

    [Fact]
    public void Promotion_archives_a_copy_and_keeps_the_previous_model_in_history()
    {
        var reg = new ModelRegistry(_m.Dir);
        var a = Model("a.onnx", 1);
        var b = Model("b.onnx", 2);

        reg.Promote(a.Path, a.Sha, _m.Metadata("a"), "drop");
        reg.Promote(b.Path, b.Sha, _m.Metadata("b"), "drop");
        var m = reg.Read();

        Assert.Equal(("b.onnx", b.Sha, "drop"), (m.Promoted!.File, m.Promoted.Sha256, m.Promoted.Note));
        Assert.Equal(a.Sha, Assert.Single(m.History).Sha256);
        File.Delete(a.Path); // rollback must not depend on the dropped file
        Assert.Equal(a.Sha, ModelRegistry.Sha256Of(reg.PathOf(m.History[0])));
    }

    [Fact]
    public void Rollback_restores_the_newest_history_entry_and_prunes_the_archive()
    {
        var reg = new ModelRegistry(_m.Dir);
        var a = Model("a.onnx", 1);
        var b = Model("b.onnx", 2);
        reg.Promote(a.Path, a.Sha, _m.Metadata("a"), "drop");
        var bEntry = reg.Promote(b.Path, b.Sha, _m.Metadata("b"), "drop");

        var back = reg.Rollback();

        Assert.Equal(a.Sha, back!.Sha256);
        var m = reg.Read();
        Assert.Equal((a.Sha, "rollback"), (m.Promoted!.Sha256, m.Promoted.Note));
        Assert.Empty(m.History);
        Assert.False(File.Exists(Path.Combine(_m.Dir, bEntry.Archive)));
        Assert.Null(reg.Rollback());
    }

    [Fact]
    public void The_first_promotion_over_a_bare_default_model_can_be_rolled_back_to_it()
    {
        var reg = new ModelRegistry(_m.Dir);
        var d = Model(ModelRegistry.DefaultModelFile, 1); // a folder with only default.onnx, no manifest
        var b = Model("b.onnx", 2);

        reg.Promote(b.Path, b.Sha, _m.Metadata("b"), "promote");
        var previous = reg.Previous();
        File.WriteAllBytes(d.Path, File.ReadAllBytes(b.Path)); // the bundled file is replaced later: the archive copy counts
        var back = reg.Rollback();

        Assert.Equal((ModelRegistry.DefaultModelFile, d.Sha), (previous!.File, previous.Sha256));
        Assert.Equal((d.Sha, "rollback"), (back!.Sha256, back.Note));
        Assert.Equal(d.Sha, reg.Read().Promoted!.Sha256);
        Assert.Equal(d.Sha, ModelRegistry.Sha256Of(reg.PathOf(back)));
    }

    [Fact]
    public void Promoting_the_default_model_itself_records_no_history()
    {
        var reg = new ModelRegistry(_m.Dir);
        var d = Model(ModelRegistry.DefaultModelFile, 1);

        reg.Promote(d.Path, d.Sha, _m.Metadata("d"), "promote");

        Assert.Empty(reg.Read().History);
        Assert.Null(reg.Previous());
    }

    [Fact]
    public void History_is_trimmed_to_its_depth()
    {
        var reg = new ModelRegistry(_m.Dir, historyDepth: 2);
        for (int i = 0; i < 5; i++)
        {
            var x = Model($"m{i}.onnx", i);
            reg.Promote(x.Path, x.Sha, _m.Metadata($"m{i}"), "promote");
        }
        var m = reg.Read();
        Assert.Equal(["m3.onnx", "m2.onnx"], m.History.Select(e => e.File));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_m.Dir, ModelRegistry.ArchiveFolder)).Length);
    }

    [Fact]
    public void The_manifest_round_trips_through_its_json()
    {
        var reg = new ModelRegistry(_m.Dir);
        var a = Model("a.onnx", 1);
        reg.Promote(a.Path, a.Sha, _m.Metadata("a"), "drop");
        reg.SetCandidate(a.Path, a.Sha, _m.Metadata("a"));

        var json = File.ReadAllText(reg.ManifestPath);
        var back = ModelManifest.Parse(json, "test");

        Assert.Contains("\"promoted\"", json);
        Assert.Contains("\"candidate\"", json);
        Assert.Equal(reg.Read().Promoted, back.Promoted);
        Assert.Equal("shadow", back.Candidate!.Note);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"format": 99}""")]
    [InlineData("""{"format": 1, "promoted": {"file": "", "archive": "", "sha256": ""}}""")]
    public void A_corrupt_manifest_is_reported_as_invalid_data(string json)
    {
        var reg = new ModelRegistry(_m.Dir);
        File.WriteAllText(reg.ManifestPath, json);
        Assert.Throws<InvalidDataException>(() => reg.Read());
    }

    [Fact]
    public void Without_a_manifest_default_onnx_counts_as_promoted()
    {
        var reg = new ModelRegistry(_m.Dir);
        Assert.Null(reg.Live(reg.Read()));
        var d = Model(ModelRegistry.DefaultModelFile, 3);

        var live = reg.Live(reg.Read());

        Assert.Equal((ModelRegistry.DefaultModelFile, d.Sha, "default"), (live!.File, live.Sha256, live.Note));
        Assert.Equal(d.Path, reg.PathOf(live));
    }

    [Fact]
    public void Promoting_an_archived_copy_references_it_instead_of_copying_it_again()
    {
        var reg = new ModelRegistry(_m.Dir);
        var a = Model("a.onnx", 1);
        var cand = reg.SetCandidate(a.Path, a.Sha, _m.Metadata("a"));

        var promoted = reg.Promote(reg.PathOf(cand), a.Sha, _m.Metadata("a"), "promote");

        Assert.Equal(cand.Archive, promoted.Archive);
        Assert.Equal(cand.Archive, promoted.File);
        Assert.Null(reg.Read().Candidate);
        Assert.Single(Directory.GetFiles(Path.Combine(_m.Dir, ModelRegistry.ArchiveFolder)));
    }
}
