using Google.Protobuf;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Contracts;

/// <summary>
/// The model contract: classes are found by name (a permuted model serves the same canonical rows), and a model that
/// does not fit the role it is loaded for is refused at load with one line, by the loader and the validator alike.
/// </summary>
public sealed class ModelContractTests : IDisposable
{
    private static readonly string[] Canonical = ["down", "flat", "up"];
    private readonly ModelFixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private ModelSession Load(string path, ModelRole role) => _fx.Load(path, ContractModels.Schema, role: role);

    private static float[] Rows(int n) => RandomModels.Floats(new Random(5), n * ContractModels.F, 2f);

    private static float[] Predict(ModelSession s, float[] rows, int n)
    {
        var y = new float[n * s.OutputWidth];
        Assert.Equal(PredictStatus.Ok, s.Predict(rows, n, y));
        return y;
    }

    private static void AssertRefusedInOneLine(ModelLoadException e, params string[] parts)
    {
        Assert.DoesNotContain('\n', e.Message);
        foreach (var p in parts) Assert.Contains(p, e.Message);
    }

    [Fact]
    public void A_classifier_whose_classes_are_permuted_serves_the_same_canonical_rows()
    {
        var original = _fx.Save(ContractModels.Classifier([0, 1, 2]), ContractModels.Metadata(Canonical), "original.onnx");
        var mirrored = _fx.Save(ContractModels.Classifier([2, 1, 0]), ContractModels.Metadata(["up", "flat", "down"]), "mirrored.onnx");
        var rotated = _fx.Save(ContractModels.Classifier([1, 2, 0]), ContractModels.Metadata(["FLAT", "Up", "down"]), "rotated.onnx");
        var rows = Rows(8);
        using var a = Load(original, ModelRole.Direction);
        using var b = Load(mirrored, ModelRole.Direction);
        using var c = Load(rotated, ModelRole.Direction);
        using var raw = Load(mirrored, ModelRole.Outputs);

        var expected = Predict(a, rows, 8);
        Assert.Equal(expected, Predict(b, rows, 8));
        Assert.Equal(expected, Predict(c, rows, 8));
        // The files really are different: read as declared, the mirrored model's columns are reversed.
        var asDeclared = Predict(raw, rows, 8);
        Assert.NotEqual(expected, asDeclared);
        Assert.Equal(expected[DirectionContract.Down], asDeclared[2]);
        Assert.Equal((2, 1, 0), (b.Contract.Direction!.DownColumn, b.Contract.Direction.FlatColumn, b.Contract.Direction.UpColumn));
    }

    [Fact]
    public void Reading_a_permuted_model_through_its_contract_allocates_nothing()
    {
        var path = _fx.Save(ContractModels.Classifier([2, 1, 0]), ContractModels.Metadata(["up", "flat", "down"]), "mirrored.onnx");
        using var s = Load(path, ModelRole.Direction);
        var x = Rows(8);
        var y = new float[8 * 3];
        int failures = 0;
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 500; i++) failures += (int)s.Predict(x, 1 + i % 8, y);
        });

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_regressor_loaded_as_a_direction_model_is_refused_in_one_line()
    {
        var path = _fx.Save(ContractModels.Regressor(), ContractModels.Metadata(["forward_mid_change_ticks"], ModelOutputKind.Regression), "return.onnx");

        var e = Assert.Throws<ModelLoadException>(() => Load(path, ModelRole.Direction));

        AssertRefusedInOneLine(e, "return.onnx", "cannot serve as a direction classifier", "no classifier output", "forward_mid_change_ticks");
    }

    [Theory]
    [InlineData(new[] { "down", "up" }, "2 classes")]
    [InlineData(new[] { "down", "flat", "up", "jump" }, "4 classes")]
    [InlineData(new[] { "a", "b", "c" }, "no class 'down'")]
    [InlineData(new[] { "down", "down", "up" }, "class 'down' 2 times")]
    [InlineData(new[] { "down", "flat", "upward" }, "no class 'up'")]
    public void A_classifier_without_exactly_down_flat_up_is_refused_for_the_direction_role(string[] classes, string why)
    {
        var path = _fx.Save(ContractModels.Classifier(classes.Length), ContractModels.Metadata(classes), "classes.onnx");

        var e = Assert.Throws<ModelLoadException>(() => Load(path, ModelRole.Direction));

        AssertRefusedInOneLine(e, "cannot serve as a direction classifier", why);
    }

    [Fact]
    public void A_model_without_metadata_is_refused()
    {
        var path = Path.Combine(_fx.Dir, "bare.onnx");
        File.WriteAllBytes(path, ContractModels.Classifier([0, 1, 2]).ToByteArray());

        var e = Assert.Throws<ModelLoadException>(() => Load(path, ModelRole.Direction));

        AssertRefusedInOneLine(e, "no HftScalper metadata");
    }

    [Fact]
    public void An_output_narrower_than_its_declared_classes_is_refused()
    {
        // Declared down/flat/up, the graph gives one column: the other two slots would be read from nowhere.
        var path = _fx.Save(ContractModels.Regressor(), ContractModels.Metadata(Canonical), "narrow.onnx");

        var e = Assert.Throws<ModelLoadException>(() => Load(path, ModelRole.Direction));

        AssertRefusedInOneLine(e, "must be float [batch,3]", "[batch,1]");
    }

    [Fact]
    public void A_second_output_whose_shape_differs_from_its_declaration_is_refused_for_its_role()
    {
        var md = ContractModels.Metadata(Canonical) with
        {
            AdditionalOutputs = [new ModelOutputHead("ret", ModelOutputKind.Regression, ["a", "b"])],
        };
        var path = _fx.Save(ContractModels.DirectionAndReturn([0, 1, 2]), md, "two.onnx");

        var e = Assert.Throws<ModelLoadException>(() => Load(path, ModelRole.Return));

        AssertRefusedInOneLine(e, "cannot serve as a return regressor", "2 targets");
        using var direction = Load(path, ModelRole.Direction);
        Assert.Null(direction.Contract.Return);
    }

    [Fact]
    public void A_return_regressor_is_served_in_the_return_role()
    {
        var path = _fx.Save(ContractModels.Regressor(), ContractModels.Metadata(["forward_mid_change_ticks"], ModelOutputKind.Regression), "return.onnx");
        var rows = Rows(5);
        using var ret = Load(path, ModelRole.Return);
        using var raw = Load(path, ModelRole.Outputs);

        Assert.Equal(ModelRole.Return, ret.Role);
        Assert.Equal(1, ret.OutputWidth);
        Assert.Equal("forward_mid_change_ticks", ret.Contract.Return!.Target);
        Assert.Null(ret.Contract.Direction);
        Assert.Equal(Predict(raw, rows, 5), Predict(ret, rows, 5));
    }

    [Fact]
    public void One_graph_with_direction_and_return_outputs_resolves_both_roles()
    {
        var md = ContractModels.Metadata(["up", "flat", "down"]) with
        {
            AdditionalOutputs = [new ModelOutputHead("ret", ModelOutputKind.Regression, ["forward_mid_change_ticks"])],
        };
        var path = _fx.Save(ContractModels.DirectionAndReturn([2, 1, 0]), md, "two.onnx");
        var same = _fx.Save(ContractModels.DirectionAndReturn([0, 1, 2]), md with { OutputNames = Canonical }, "two-canonical.onnx");
        var rows = Rows(6);
        using var direction = Load(path, ModelRole.Direction);
        using var ret = Load(path, ModelRole.Return);
        using var reference = Load(same, ModelRole.Direction);

        Assert.True(direction.Contract.Supports(ModelRole.Direction) && direction.Contract.Supports(ModelRole.Return));
        Assert.Equal(3, direction.OutputWidth);
        Assert.Equal(1, ret.OutputWidth);
        Assert.Equal("ret", ret.Contract.Return!.Tensor);
        Assert.Equal(Predict(reference, rows, 6), Predict(direction, rows, 6));
        var r = Predict(ret, rows, 6);
        Assert.All(r, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void The_contract_holds_the_horizon_and_labelling_and_refuses_an_unreadable_threshold()
    {
        var md = ContractModels.Metadata(Canonical, labellingJson: """{"threshold":"0.5bps","sampleIntervalMs":250}""");

        var c = ModelContract.Resolve(md, null, ModelRole.Direction, out var why);

        Assert.Null(why);
        Assert.Equal(new MoveThreshold(0.5, InBasisPoints: true), c!.Threshold);
        Assert.Equal(250_000_000, c.SampleIntervalNs);
        Assert.Equal(TimeSpan.FromSeconds(10), c.Horizon);

        Assert.Null(ModelContract.Resolve(ContractModels.Metadata(Canonical, labellingJson: """{"threshold":"half a tick"}"""), null, ModelRole.Direction, out why));
        Assert.Contains("labelling", why);
        Assert.Null(ModelContract.Resolve(ContractModels.Metadata(Canonical) with { Horizon = TimeSpan.Zero }, null, ModelRole.Direction, out why));
        Assert.Contains("no horizon", why);
        Assert.Null(ModelContract.Resolve(md, null, ModelRole.Direction, out _)!.Return);
    }

    [Fact]
    public void The_validator_applies_the_same_rule_for_the_role_it_checks()
    {
        var path = _fx.Save(ContractModels.Regressor(), ContractModels.Metadata(["forward_mid_change_ticks"], ModelOutputKind.Regression), "return.onnx");
        ModelValidator Validator(ModelRole role) =>
            new(ContractModels.Schema, ServingOptions.CpuOnly(8), new ModelValidationOptions { Role = role, LatencyBudget = TimeSpan.FromSeconds(1) }, _fx.Logger);

        var asDirection = Validator(ModelRole.Direction).Validate(path, Rows(4), out var none);
        var asReturn = Validator(ModelRole.Return).Validate(path, Rows(4), out var session);

        Assert.Null(none);
        Assert.Equal(ModelRejection.WrongShape, asDirection.Rejection);
        Assert.Contains("cannot serve as a direction classifier", asDirection.Message);
        Assert.True(asReturn.Passed, asReturn.Message);
        using (session) Assert.Equal(ModelRole.Return, session!.Role);
    }

    [Fact]
    public void Additional_outputs_survive_the_metadata_round_trip()
    {
        var md = ContractModels.Metadata(Canonical) with
        {
            AdditionalOutputs = [new ModelOutputHead("ret", ModelOutputKind.Regression, ["forward_mid_change_ticks"])],
        };

        var read = ModelMetadata.Parse(md.ToProperties());

        var head = Assert.Single(read.AdditionalOutputs);
        Assert.Equal(("ret", ModelOutputKind.Regression), (head.Tensor, head.Kind));
        Assert.Equal(["forward_mid_change_ticks"], head.Names);
        Assert.Equal(2, read.Outputs.Count);
        Assert.Empty(ModelMetadata.Parse(ContractModels.Metadata(Canonical).ToProperties()).AdditionalOutputs);
    }
}
