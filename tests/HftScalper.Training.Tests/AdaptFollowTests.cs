using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Training.Adaptation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Tests;

/// <summary>
/// Recordings of different symbols back to back: the adaptation loop follows the first symbol that decides, and moves to
/// the one deciding once the first has been silent for <see cref="AdaptationOptions.FollowSilenceNs"/>, so the second
/// recording is scored (and can raise the drift alarm, and be retrained on) instead of being ignored. Two symbols
/// deciding side by side do not make it switch.
/// </summary>
public sealed class AdaptFollowTests : IDisposable
{
    private const long Second = 1_000_000_000, T0 = 1_700_000_000_000_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-adapt-follow-").FullName;
    private readonly ModelLifecycle _lifecycle;

    public AdaptFollowTests()
    {
        string start = Path.Combine(_dir, "start.onnx");
        File.Copy(BundledModel(), start);
        _lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions
        {
            Directory = _dir, OnDrop = DropAction.Shadow, AutoPromote = new ShadowPromotionRule(),
            Validation = new ModelValidationOptions { LatencyBudget = TimeSpan.FromSeconds(1) },
        }, NullLogger.Instance);
        var report = _lifecycle.Validator.Validate(start, [], out var session);
        session?.Dispose();
        Assert.True(report.Passed, report.Message);
        _lifecycle.Registry.Promote(start, report.Sha256, report.Metadata!, "test");
        Assert.True(_lifecycle.LoadPromoted());
    }

    public void Dispose()
    {
        _lifecycle.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void The_loop_moves_to_the_next_symbol_once_the_followed_one_is_silent_and_scores_it()
    {
        using var loop = Run(followSilenceNs: 60 * Second);

        Assert.Equal(1, loop.FollowSwitches);
        Assert.Equal(1, loop.FollowedSymbol);
        var follow = Assert.Single(loop.Events, e => e.Kind == "follow");
        Assert.InRange(follow.Seconds, 179.5, 181); // symbol 0's last decision at +119.9 s, + 60 s
        Assert.True(ResolvedAfter(loop, 200) > 1000, "the second symbol's decisions should be scored after the switch");
    }

    [Fact]
    public void Without_the_switch_the_second_recording_is_not_scored()
    {
        using var loop = Run(followSilenceNs: 0);

        Assert.Equal(0, loop.FollowSwitches);
        Assert.Equal(0, loop.FollowedSymbol);
        Assert.Equal(0, ResolvedAfter(loop, 200));
    }

    // Symbol 0 decides every 100 ms for 120 s with symbol 1 beside it once a second (no switch while both decide), then
    // symbol 1 alone every 100 ms for 240 s.
    private AdaptationLoop Run(long followSilenceNs)
    {
        var options = new AdaptationOptions { HorizonNs = 2 * Second, RetrainOnDrift = false, FollowSilenceNs = followSilenceNs };
        var loop = new AdaptationLoop(_lifecycle, FeatureEngine.DefaultSchema, options, NullLogger.Instance);
        var row = new float[FeatureEngine.DefaultSchema.Count];
        float[] scores = [0.2f, 0.3f, 0.5f];
        var rng = new Random(3);
        double mid0 = 100_000, mid1 = 5_000;
        long decision = 0;
        for (long t = 0; t < 360 * Second; t += Second / 10)
        {
            if (t < 120 * Second)
            {
                mid0 += rng.Next(-2, 3);
                loop.OnDecision(new FollowedDecision(decision++, T0 + t, mid0, 0, true, DecisionModelStatus.Ok), row, scores);
                if (t % Second != 0) continue;
            }
            mid1 += rng.Next(-2, 3);
            loop.OnDecision(new FollowedDecision(decision++, T0 + t + 1, mid1, 1, true, DecisionModelStatus.Ok), row, scores);
        }
        return loop;
    }

    private static long ResolvedAfter(AdaptationLoop loop, double seconds) =>
        loop.Timeline.Where(b => b.StartNs >= seconds * Second).Sum(b => b.Window.Resolved);

    private static string BundledModel()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "models", "default.onnx");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("models/default.onnx not found above " + AppContext.BaseDirectory);
    }
}
