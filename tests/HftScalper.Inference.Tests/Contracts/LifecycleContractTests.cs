using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Tests.Lifecycle;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Contracts;

/// <summary>Hot reload applies the model contract: a drop that is not a direction classifier is refused; a drop with its classes in another order serves the same rows.</summary>
public sealed class LifecycleContractTests : IDisposable
{
    private readonly LifecycleModels _m = new();
    private readonly string _dir;

    public LifecycleContractTests() => _dir = Directory.CreateDirectory(Path.Combine(_m.Dir, "models")).FullName;

    public void Dispose() => _m.Dispose();

    private ModelLifecycle Create() => new(_m.Schema, _m.LifecycleOptions(_dir), _m.Logger);

    [Fact]
    public void A_return_regressor_dropped_into_the_folder_is_refused_and_the_live_model_keeps_serving()
    {
        using var life = Create();
        var live = _m.Write("live.onnx", 1, _dir);
        Assert.True(life.OnModelFile(live)!.Passed);
        var ret = Path.Combine(_dir, "return.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(new Random(3), LifecycleModels.F, 1, 10, 3)),
            ModelFixtures.Metadata(_m.Schema, 1, ModelOutputKind.Regression) with { OutputNames = ["forward_mid_change_ticks"] }, ret);

        var report = life.OnModelFile(ret)!;

        Assert.Equal(ModelRejection.WrongShape, report.Rejection);
        Assert.Contains("cannot serve as a direction classifier", report.Message);
        Assert.Equal(ModelRegistry.Sha256Of(live), life.Host.Current!.Sha256);
    }

    [Fact]
    public void A_drop_with_its_classes_mirrored_serves_the_same_rows_after_the_swap()
    {
        using var life = Create();
        var live = _m.Write("live.onnx", 1, _dir);
        Assert.True(life.OnModelFile(live)!.Passed);
        var row = LifecycleModels.Rows(1);
        var before = LifecycleModels.Predict(life.Host, row);
        var mirrored = Path.Combine(_dir, "mirrored.onnx");
        OnnxModelFile.Save(ContractModels.WithColumnOrder(LifecycleModels.Mlp(1), [2, 1, 0]), _m.Metadata("mirrored", classes: ["up", "flat", "down"]), mirrored);

        var report = life.OnModelFile(mirrored)!;

        Assert.True(report.Passed, report.Message);
        Assert.Equal(ModelRegistry.Sha256Of(mirrored), life.Host.Current!.Sha256);
        Assert.Equal(before, LifecycleModels.Predict(life.Host, row));
    }
}
