using HdrHistogram;
using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests;

public sealed class ModelSessionTests(ITestOutputHelper output) : IDisposable
{
    private const int F = 8, T = 4, MaxBatch = 16;
    private readonly ModelFixtures _fx = new();
    private readonly FeatureSchema _schema = ModelFixtures.Schema(F);

    public void Dispose() => _fx.Dispose();

    public enum Kind { Mlp, Lstm, Trees, TreeClassifier }

    private string Save(Kind kind)
    {
        var rng = new Random(11);
        (ModelProto model, ModelMetadata md) = kind switch
        {
            Kind.Mlp => (MlpModelBuilder.Build(RandomModels.Mlp(rng, F, 16, 3), OutputActivation.Softmax), ModelFixtures.Metadata(_schema, 3)),
            Kind.Lstm => (LstmModelBuilder.Build(RandomModels.Lstm(rng, F, 8), RandomModels.Dense(rng, 8, 3), T, OutputActivation.Softmax),
                ModelFixtures.Metadata(_schema, 3, input: ModelInputKind.Sequence, steps: T)),
            Kind.Trees => (TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 20, 4)), ModelFixtures.Metadata(_schema, 1, ModelOutputKind.Regression)),
            _ => (TreeEnsembleModelBuilder.BuildClassifier(RandomModels.Trees(rng, F, 3, 20, 4), [0, 1, 2], softmax: true), ModelFixtures.Metadata(_schema, 3)),
        };
        return _fx.Save(model, md, $"{kind}.onnx");
    }

    [Theory]
    [InlineData(Kind.Mlp)]
    [InlineData(Kind.Lstm)]
    [InlineData(Kind.Trees)]
    [InlineData(Kind.TreeClassifier)]
    public void Predict_allocates_nothing_after_warmup(Kind kind)
    {
        using var session = _fx.Load(Save(kind), _schema, MaxBatch);
        var x = RandomModels.Floats(new Random(12), MaxBatch * session.RowLength);
        var y = new float[MaxBatch * session.OutputWidth];
        int failures = 0;
        for (int i = 0; i < 50; i++) failures += (int)session.Predict(x, 1 + i % MaxBatch, y);

        // Steady state: a one-off runtime allocation (type loading, a stub) may land in the warm-up, but any
        // per-call allocation shows in every pass (SteadyStateAllocation).
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                int batch = 1 + i % MaxBatch;
                failures += (int)session.Predict(x, batch, y);
                x.AsSpan(0, batch * session.RowLength).CopyTo(session.StagingRows(0, batch));
                failures += (int)session.PredictStaged(batch, y);
            }
        });

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(Kind.Mlp)]
    [InlineData(Kind.Lstm)]
    [InlineData(Kind.Trees)]
    [InlineData(Kind.TreeClassifier)]
    public void Batched_results_equal_one_row_at_a_time(Kind kind)
    {
        using var session = _fx.Load(Save(kind), _schema, MaxBatch);
        int rows = 13, w = session.OutputWidth, len = session.RowLength;
        var x = RandomModels.Floats(new Random(13), rows * len);
        var batched = new float[rows * w];
        var single = new float[w];

        Assert.Equal(PredictStatus.Ok, session.Predict(x, rows, batched));

        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(PredictStatus.Ok, session.Predict(x.AsSpan(r * len, len), 1, single));
            for (int k = 0; k < w; k++) Assert.Equal(single[k], batched[r * w + k], 6);
        }
    }

    [Fact]
    public void Requesting_TensorRT_and_CUDA_on_the_CPU_build_falls_back_to_CPU_with_one_log_line()
    {
        var options = new ServingOptions(MaxBatch: 4, TensorRt: new TensorRtOptions(Fp16: true, EngineCachePath: _fx.Dir));

        using var session = _fx.Load(Save(Kind.Mlp), _schema, options: options);

        Assert.Equal(ExecutionProviderKind.Cpu, session.ExecutionProvider);
        var provider = Assert.Single(_fx.Logger.Lines, l => l.Message.Contains("execution provider"));
        output.WriteLine(provider.Message);
        // The CPU package has no GPU provider at all: the normal case, so an info line, not a warning.
        Assert.Equal(LogLevel.Information, provider.Level);
        Assert.Contains("execution provider Cpu", provider.Message);
        Assert.Contains("no TensorRt or Cuda", provider.Message);
        var y = new float[3];
        Assert.Equal(PredictStatus.Ok, session.Predict(new float[F], 1, y));
    }

    [Fact]
    public void Non_finite_outputs_are_reported_counted_and_logged_once()
    {
        // A regression MLP passes a NaN feature straight through to its output.
        var path = _fx.Save(MlpModelBuilder.Build(RandomModels.Mlp(new Random(14), F, 2), OutputActivation.None),
            ModelFixtures.Metadata(_schema, 2, ModelOutputKind.Regression));
        using var session = _fx.Load(path, _schema);
        var x = new float[2 * F];
        x[F + 3] = float.NaN;
        var y = new float[4];

        var first = session.Predict(x, 2, y);
        var second = session.Predict(x, 2, y);
        var clean = session.Predict(x, 1, y);

        Assert.Equal(PredictStatus.NonFiniteOutput, first);
        Assert.Equal(PredictStatus.NonFiniteOutput, second);
        Assert.Equal(PredictStatus.Ok, clean);
        Assert.Equal(2, session.Monitor.NonFiniteOutputs);
        Assert.Single(_fx.Logger.Lines, l => l.Message.Contains("non-finite"));
    }

    [Theory]
    [InlineData(0, 8, 3)]
    [InlineData(17, 17 * 8, 17 * 3)]
    [InlineData(2, 8, 6)]
    [InlineData(2, 16, 5)]
    public void Bad_batch_or_short_spans_are_refused_without_running(int batch, int featureLength, int outputLength)
    {
        using var session = _fx.Load(Save(Kind.Mlp), _schema, MaxBatch);

        var status = session.Predict(new float[featureLength], batch, new float[outputLength]);

        Assert.Equal(PredictStatus.InvalidArguments, status);
        Assert.Equal(1, session.Monitor.InvalidCalls);
        Assert.Equal(0, session.Monitor.Runs);
    }

    [Fact]
    public void Monitor_counts_predictions_batch_sizes_and_latencies()
    {
        using var session = _fx.Load(Save(Kind.Mlp), _schema, MaxBatch);
        var x = new float[MaxBatch * F];
        var y = new float[MaxBatch * 3];

        session.Predict(x, 1, y);
        session.Predict(x, 5, y);
        session.Predict(x, 5, y);
        var latency = session.Monitor.TakeLatencyInterval();

        Assert.Equal(11, session.Monitor.Predictions);
        Assert.Equal(3, session.Monitor.Runs);
        Assert.Equal(1, session.Monitor.RunsWithBatch(1));
        Assert.Equal(2, session.Monitor.RunsWithBatch(5));
        Assert.Equal(3, latency.TotalCount);
        Assert.True(latency.GetMaxValue() > 0);
        Assert.Equal(0, session.Monitor.TakeLatencyInterval().TotalCount);
    }

    [Theory]
    [InlineData(Kind.Mlp)]
    [InlineData(Kind.Trees)]
    public void Untimed_runs_are_counted_with_the_same_outputs_and_no_latency_samples(Kind kind)
    {
        string path = Save(kind);
        using var timed = _fx.Load(path, _schema, MaxBatch);
        using var untimed = _fx.Load(path, _schema, MaxBatch);
        untimed.Monitor.TimesRuns = false;
        var rng = new Random(3);
        var x = new float[MaxBatch * F];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        int width = timed.OutputWidth;
        var a = new float[MaxBatch * width];
        var b = new float[MaxBatch * width];

        foreach (int batch in new[] { 1, 5, 5 })
        {
            Assert.Equal(PredictStatus.Ok, timed.Predict(x, batch, a));
            Assert.Equal(PredictStatus.Ok, untimed.Predict(x, batch, b));
            Assert.Equal(a, b);
        }

        Assert.Equal(11, untimed.Monitor.Predictions);
        Assert.Equal(3, untimed.Monitor.Runs);
        Assert.Equal(2, untimed.Monitor.RunsWithBatch(5));
        Assert.Equal(0, untimed.Monitor.TakeLatencyInterval().TotalCount);
        Assert.Equal(3, timed.Monitor.TakeLatencyInterval().TotalCount);
    }
}
