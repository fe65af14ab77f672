using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Lifecycle;

/// <summary>Hot reload end to end: real ONNX files written into a real folder, a real watcher, real sessions.</summary>
public sealed class ModelDirectoryWatcherTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly LifecycleModels _m = new();
    private readonly string _dir;
    private readonly ModelLifecycle _life;
    private readonly SemaphoreSlim _swapped = new(0), _rejected = new(0);
    private readonly List<ModelValidationReport> _rejections = [];
    private readonly float[] _row = LifecycleModels.Rows(1, seed: 9);
    private ModelDirectoryWatcher? _watcher;

    public ModelDirectoryWatcherTests()
    {
        _dir = Directory.CreateDirectory(Path.Combine(_m.Dir, "models")).FullName;
        var canary = new CanaryRows(LifecycleModels.F, 32);
        var rows = LifecycleModels.Rows(32);
        for (int i = 0; i < 32; i++) canary.Record(rows.AsSpan(i * LifecycleModels.F, LifecycleModels.F));
        _life = new ModelLifecycle(_m.Schema, _m.LifecycleOptions(_dir), _m.Logger, canary);
        _life.Swapped += _ => _swapped.Release();
        _life.Rejected += r => { lock (_rejections) _rejections.Add(r); _rejected.Release(); };
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _life.Dispose();
        _m.Dispose();
    }

    private string StartServing(string file, int seed, bool fileEvents = true)
    {
        var path = _m.Write(file, seed, _dir);
        Assert.NotNull(_life.OnModelFile(path));
        Assert.True(_swapped.Wait(0));
        _watcher = new ModelDirectoryWatcher(_life, _m.Logger, new ModelWatcherOptions
        {
            Debounce = TimeSpan.FromMilliseconds(50), PollInterval = TimeSpan.FromMilliseconds(200), UseFileSystemWatcher = fileEvents,
        });
        _watcher.Start();
        return path;
    }

    private string Sha(string path) => ModelRegistry.Sha256Of(path);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dropping_a_model_file_swaps_it_in_and_predictions_change(bool fileEvents)
    {
        var a = StartServing("a.onnx", 1, fileEvents);
        var before = LifecycleModels.Predict(_life.Host, _row);

        var b = _m.Write("b.onnx", 2, _dir);

        Assert.True(_swapped.Wait(Wait), "no swap after the drop");
        Assert.Equal(Sha(b), _life.Host.Current!.Sha256);
        Assert.NotEqual(before, LifecycleModels.Predict(_life.Host, _row));
        var manifest = _life.Registry.Read();
        Assert.Equal("b.onnx", manifest.Promoted!.File);
        Assert.Equal(Sha(a), manifest.History[0].Sha256);
        Assert.Equal(0, _life.Host.RetiredPending);
    }

    [Fact]
    public void A_corrupt_file_and_a_schema_mismatch_are_rejected_and_the_old_model_keeps_serving()
    {
        var a = StartServing("a.onnx", 1);
        var expected = LifecycleModels.Predict(_life.Host, _row);

        var good = File.ReadAllBytes(_m.Write("tmp.onnx", 2));
        File.WriteAllBytes(Path.Combine(_dir, "corrupt.onnx"), good[..(good.Length * 2 / 3)]);
        _m.Write("mismatch.onnx", 3, _dir, schema: ModelFixtures.Schema(LifecycleModels.F, version: 7));

        Assert.True(_rejected.Wait(Wait));
        Assert.True(_rejected.Wait(Wait));
        Assert.Equal(Sha(a), _life.Host.Current!.Sha256);
        Assert.Equal(expected, LifecycleModels.Predict(_life.Host, _row));
        Assert.Equal(1, _life.Counters.RejectionsFor(ModelRejection.Unreadable));
        Assert.Equal(1, _life.Counters.RejectionsFor(ModelRejection.SchemaMismatch));
        Assert.Equal("a.onnx", _life.Registry.Read().Promoted!.File);
        Assert.Contains(_m.Logger.Lines, l => l.Message.Contains("Model refused (SchemaMismatch)") && l.Message.Contains("a v1.2.3 keeps serving"));
        Assert.False(_swapped.Wait(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void A_file_refused_while_incomplete_goes_live_once_it_is_complete()
    {
        StartServing("a.onnx", 1);
        var full = File.ReadAllBytes(_m.Write("tmp.onnx", 2));
        var target = Path.Combine(_dir, "slow.onnx");

        File.WriteAllBytes(target, full[..(full.Length / 2)]);
        Assert.True(_rejected.Wait(Wait));
        File.WriteAllBytes(target, full);

        Assert.True(_swapped.Wait(Wait));
        Assert.Equal(Sha(target), _life.Host.Current!.Sha256);
    }

    [Fact]
    public void Rollback_restores_the_previous_model()
    {
        var a = StartServing("a.onnx", 1);
        var expected = LifecycleModels.Predict(_life.Host, _row);
        _m.Write("b.onnx", 2, _dir);
        Assert.True(_swapped.Wait(Wait));

        Assert.True(_life.Rollback(out var message), message);

        Assert.Equal(Sha(a), _life.Host.Current!.Sha256);
        Assert.Equal(expected, LifecycleModels.Predict(_life.Host, _row));
        Assert.Equal(1, _life.Counters.Rollbacks);
        Assert.Equal("rollback", _life.Registry.Read().Promoted!.Note);
        Assert.False(_life.Rollback(out message));
        Assert.Contains("no previous model", message);
    }

    [Fact]
    public void A_rollback_written_to_the_manifest_by_another_process_is_followed()
    {
        var a = StartServing("a.onnx", 1);
        _m.Write("b.onnx", 2, _dir);
        Assert.True(_swapped.Wait(Wait));

        Assert.NotNull(new ModelRegistry(_dir).Rollback()); // what `hft models rollback` does

        Assert.True(_swapped.Wait(Wait));
        Assert.Equal(Sha(a), _life.Host.Current!.Sha256);
    }

    [Fact]
    public void A_corrupt_manifest_is_counted_and_the_model_keeps_serving()
    {
        var a = StartServing("a.onnx", 1);
        File.WriteAllText(_life.Registry.ManifestPath, "{ broken");

        for (int i = 0; i < 200 && _life.Counters.ManifestErrors == 0; i++) Thread.Sleep(50);

        Assert.True(_life.Counters.ManifestErrors >= 1);
        Assert.Equal(Sha(a), _life.Host.Current!.Sha256);
    }

    [Fact]
    public void Drops_while_serving_leave_exactly_the_valid_model_live_and_lose_no_batch()
    {
        StartServing("a.onnx", 1);
        long batches = 0, ok = 0;
        var stop = new ManualResetEventSlim();
        var server = new Thread(() =>
        {
            var y = new float[3];
            while (!stop.IsSet)
            {
                using (var lease = _life.Host.Acquire())
                {
                    batches++;
                    if (lease.Session?.Predict(_row, 1, y) == Serving.PredictStatus.Ok) ok++;
                }
                if (batches % 64 == 0) Thread.Sleep(1); // a replay's pace, not a spin: the machine is shared
            }
        });
        server.Start();

        var full = File.ReadAllBytes(_m.Write("tmp.onnx", 2));
        File.WriteAllBytes(Path.Combine(_dir, "truncated.onnx"), full[..(full.Length / 3)]);
        Assert.True(_rejected.Wait(Wait));
        _m.Write("schema.onnx", 3, _dir, schema: ModelFixtures.Schema(LifecycleModels.F, version: 9));
        Assert.True(_rejected.Wait(Wait));
        _m.Write("nan.onnx", 4, _dir, nan: true);
        Assert.True(_rejected.Wait(Wait));
        var b = _m.Write("b.onnx", 5, _dir);
        Assert.True(_swapped.Wait(Wait));
        stop.Set();
        server.Join();

        Assert.Equal(Sha(b), _life.Host.Current!.Sha256);
        Assert.Equal(batches, ok);
        Assert.True(batches > 0);
        Assert.Equal((1L, 1L, 1L, 3L), (_life.Counters.RejectionsFor(ModelRejection.Unreadable), _life.Counters.RejectionsFor(ModelRejection.SchemaMismatch),
            _life.Counters.RejectionsFor(ModelRejection.NonFiniteOutput), _life.Counters.Rejections));
        Assert.Equal(2, _life.Counters.Swaps);
        Assert.Equal(0, _life.Host.RetiredPending);
    }
}
