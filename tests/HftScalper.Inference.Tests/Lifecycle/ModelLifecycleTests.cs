using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Tests.Lifecycle;

/// <summary>The lifecycle's API without the watcher (what `hft models` and the host call).</summary>
public sealed class ModelLifecycleTests : IDisposable
{
    private readonly LifecycleModels _m = new();
    private readonly string _dir;

    public ModelLifecycleTests() => _dir = Directory.CreateDirectory(Path.Combine(_m.Dir, "models")).FullName;

    public void Dispose() => _m.Dispose();

    private ModelLifecycle Create(DropAction drop = DropAction.Promote, ShadowPromotionRule? auto = null, long probation = 0)
    {
        var o = _m.LifecycleOptions(_dir, drop);
        return new ModelLifecycle(_m.Schema, new ModelLifecycleOptions
        {
            Directory = o.Directory, OnDrop = o.OnDrop, Serving = o.Serving, Validation = o.Validation,
            DegradedMinRuns = o.DegradedMinRuns, AutoPromote = auto, ShadowBlockNs = 2, ProbationResolved = probation, // decisions are 1 ns apart below: two per block
        }, _m.Logger);
    }

    // Scores 64 rows with the live model and the shadow; the realised class is always one side's call, so that side
    // is right every time (the other only where they agree).
    private static void Score(ModelLifecycle life, bool favourShadow, int firstId = 0)
    {
        var x = LifecycleModels.Rows(64);
        for (int batch = 0; batch < 8; batch++)
        {
            var rows = x.AsSpan(batch * 8 * LifecycleModels.F, 8 * LifecycleModels.F);
            var live = new float[24];
            var cand = new float[24];
            using (var lease = life.Host.Acquire()) Assert.Equal(PredictStatus.Ok, lease.Session!.Predict(rows, 8, live));
            using (var lease = life.Shadow.Candidate.Acquire()) Assert.Equal(PredictStatus.Ok, lease.Session!.Predict(rows, 8, cand));
            life.Shadow.Observe(rows, 8, live, firstId + batch * 8);
            for (int i = 0; i < 8; i++)
                life.Shadow.RecordOutcome(firstId + batch * 8 + i, ArgMax((favourShadow ? cand : live).AsSpan(i * 3, 3)), firstId + batch * 8 + i);
        }
    }

    [Fact]
    public void Start_up_serves_the_promoted_model_from_the_manifest()
    {
        var a = _m.Write("a.onnx", 1, _dir);
        using (var first = Create()) first.OnModelFile(a);

        using var life = Create();
        Assert.True(life.LoadPromoted());

        Assert.Equal(ModelRegistry.Sha256Of(a), life.Host.Current!.Sha256);
    }

    [Fact]
    public void Start_up_with_nothing_promoted_serves_nothing()
    {
        using var life = Create();
        Assert.False(life.LoadPromoted());
        Assert.True(life.Host.Acquire().IsEmpty);
    }

    [Fact]
    public void A_shadow_drop_is_scored_beside_the_live_model_and_promoted_on_request()
    {
        using var life = Create(DropAction.Shadow);
        var a = _m.Write("a.onnx", 1, _dir);
        life.OnModelFile(a); // nothing live yet, but a shadow drop never goes live by itself
        Assert.Null(life.Host.Current);
        Assert.True(life.Rollback(out _) is false);
        Assert.True(life.PromoteCandidate(out var msg), msg);
        var b = _m.Write("b.onnx", 2, _dir);

        life.OnModelFile(b);

        Assert.Equal(ModelRegistry.Sha256Of(a), life.Host.Current!.Sha256);
        Assert.Equal(ModelRegistry.Sha256Of(b), life.Shadow.Candidate.Current!.Sha256);
        Assert.Equal("b.onnx", life.Registry.Read().Candidate!.File);

        Assert.True(life.PromoteCandidate(out msg), msg);

        Assert.Equal(ModelRegistry.Sha256Of(b), life.Host.Current!.Sha256);
        Assert.Null(life.Shadow.Candidate.Current);
        var m = life.Registry.Read();
        Assert.Null(m.Candidate);
        Assert.Equal(("b.onnx", ModelRegistry.Sha256Of(a)), (m.Promoted!.File, m.History[0].Sha256));
        Assert.Equal(1 + 1, life.Counters.Promotions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_candidate_is_promoted_on_the_health_tick_only_when_it_beats_the_rule(bool outcomesFavourCandidate)
    {
        using var life = Create(DropAction.Shadow, new ShadowPromotionRule(MinResolved: 4, MaxLogLossIncrease: 100, MinBlocks: 20));
        var a = _m.Write("a.onnx", 1, _dir);
        life.OnModelFile(a);
        life.PromoteCandidate(out _);
        var b = _m.Write("b.onnx", 2, _dir);
        life.OnModelFile(b);
        Score(life, outcomesFavourCandidate);
        Assert.True(life.Shadow.Stats.Agreements < 64, "the two seeded models should disagree somewhere");

        life.CheckHealth();

        var expected = outcomesFavourCandidate ? b : a;
        Assert.Equal(ModelRegistry.Sha256Of(expected), life.Host.Current!.Sha256);
        Assert.Equal(outcomesFavourCandidate ? 2 : 1, life.Counters.Promotions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_promotion_is_rolled_back_automatically_when_the_replaced_model_does_significantly_better_in_probation(bool replacedWins)
    {
        using var life = Create(DropAction.Shadow, new ShadowPromotionRule(MinResolved: 4, MaxLogLossIncrease: 100, MinBlocks: 20), probation: 64);
        var a = _m.Write("a.onnx", 1, _dir);
        life.OnModelFile(a);
        life.PromoteCandidate(out _);
        var b = _m.Write("b.onnx", 2, _dir);
        life.OnModelFile(b);
        Score(life, favourShadow: true);
        life.CheckHealth(); // b promoted; a is now scored beside it
        Assert.Equal(ModelRegistry.Sha256Of(b), life.Host.Current!.Sha256);
        Assert.True(life.InProbation);
        Assert.Equal(ModelRegistry.Sha256Of(a), life.Shadow.Candidate.Current!.Sha256);
        life.SyncWithManifest(); // the manifest names no candidate: the probation model must stay
        Assert.True(life.InProbation);

        Score(life, favourShadow: replacedWins, firstId: 1000);
        var probation = life.Shadow.Stats;
        life.CheckHealth();

        Assert.False(life.InProbation, $"resolved {probation.Resolved}, blocks {probation.AccuracyTest.Blocks}, p(replaced better) {probation.AccuracyTest.PValueBetter} / {probation.LogLossTest.PValueBetter}");
        Assert.Null(life.Shadow.Candidate.Current);
        Assert.Equal(ModelRegistry.Sha256Of(replacedWins ? a : b), life.Host.Current!.Sha256);
        Assert.Equal(replacedWins ? 1 : 0, life.Counters.ProbationRollbacks);
        Assert.Equal(replacedWins ? 0 : 1, life.Counters.ProbationsPassed);
        Assert.Equal(ModelRegistry.Sha256Of(replacedWins ? a : b), life.Registry.Live(life.Registry.Read())!.Sha256);
    }

    [Fact]
    public void A_model_that_starts_emitting_NaN_is_marked_degraded_and_recovers_after_a_clean_window()
    {
        using var life = Create();
        life.OnModelFile(_m.Write("a.onnx", 1, _dir));
        var bad = LifecycleModels.Rows(1);
        bad[2] = float.NaN; // a NaN feature propagates through the MLP: the canary rows were clean, so it passed
        var good = LifecycleModels.Rows(1);
        var y = new float[3];

        using (var lease = life.Host.Acquire())
            for (int i = 0; i < 10; i++) lease.Session!.Predict(i % 2 == 0 ? bad : good, 1, y);
        life.CheckHealth();
        Assert.True(life.Host.Current!.IsDegraded);
        Assert.Contains(_m.Logger.Lines, l => l.Message.Contains("DEGRADED"));

        using (var lease = life.Host.Acquire())
            for (int i = 0; i < 10; i++) lease.Session!.Predict(good, 1, y);
        life.CheckHealth();
        Assert.False(life.Host.Current!.IsDegraded);
    }

    [Fact]
    public void Unload_leaves_no_model_so_leases_come_back_empty()
    {
        using var life = Create();
        var a = life.Host;
        life.OnModelFile(_m.Write("a.onnx", 1, _dir));
        var served = a.Current!;

        life.Unload("operator request");

        Assert.True(a.Acquire().IsEmpty);
        Assert.True(served.IsDisposed);
        Assert.Equal("a.onnx", life.Registry.Read().Promoted!.File);
    }

    [Fact]
    public void The_same_file_dropped_again_is_ignored()
    {
        using var life = Create();
        var a = _m.Write("a.onnx", 1, _dir);
        Assert.NotNull(life.OnModelFile(a));
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));
        Assert.Null(life.OnModelFile(a));
        Assert.Equal(1, life.Counters.Swaps);
    }

    private static int ArgMax(ReadOnlySpan<float> p) => p.IndexOf(MathF.Max(p[0], MathF.Max(p[1], p[2])));
}
