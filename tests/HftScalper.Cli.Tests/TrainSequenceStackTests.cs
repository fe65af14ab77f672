using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft train --stacked --family lstm|transformer</c> makes the sequence model a member of the stacked ensemble, and
/// the ensemble (one file, the member embedded) goes through the tree models' lifecycle: <c>hft models validate</c>,
/// hot swap, serving with keys, shadow and rollback. While its member warms, the ensemble serves exactly the stack
/// without it (tiny settings: CI stays cheap).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainSequenceStackTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("lstm")]
    [InlineData("transformer")]
    public void A_sequence_member_joins_the_stack_and_the_ensemble_validates_swaps_serves_and_shadows(string family)
    {
        var path = Path.Combine(_dir, family + "-ensemble.onnx");
        string[] net = family == "lstm" ? ["--sequence-length", "4", "--hidden", "8"] : ["--sequence-length", "4", "--cadence", "500ms", "--d-model", "8", "--heads", "2"];
        var run = Hft.RunProcess(["train", "--stacked", "--family", family, "--sim-minutes", "3", "--folds", "3", "--candidates", "1", "--epochs", "1",
            "--features-from", "defaults", "--out", path, "--json", .. net]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(family, (string)o["family"]!);
        Assert.True((int)o["memberRows"]! > 0, run.ToString());
        foreach (var key in new[] { "withMember", "withoutMember", "memberOutOfSample", "rows", "models" }) Assert.True(o.ContainsKey(key), $"missing '{key}'");
        var files = o["models"]!.AsArray().Select(x => (string)x!).ToArray();
        Assert.Equal(path, files[0]);

        // hft models validate: the ensemble (its member, and its graph with the member ready and warming), and the
        // trained member file on its own.
        foreach (var file in new[] { path, files[2] })
        {
            var validate = Hft.Run("models", "validate", file);
            Assert.True(validate.ExitCode == 0, validate.ToString());
        }

        // hft replay serves it through the engine and says what the member added: every row the ensemble answered was
        // answered with the member, or without it while it warmed or failed.
        var replay = Hft.Run("replay", "--sim-minutes", "1", "--model", path, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var r0 = replay.SingleJson();
        var m = r0["ensembleMember"]!;
        Assert.True((long)m["rows"]! > 0, replay.ToString());
        Assert.Equal((long)r0["inferenceRows"]!, (long)m["rows"]! + (long)m["warmingRows"]! + (long)m["failedRows"]!);
        if (family == "transformer") Assert.True((long)m["warmingRows"]! > 0, "the transformer member warmed at the start");

        var rows = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples;
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "watched")).FullName;
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(4), NullLogger.Instance);
        using var stackAlone = loader.Load(files[1]);
        Assert.True(lifecycle.OnModelFile(files[1])!.Passed);
        Assert.True(lifecycle.OnModelFile(path)!.Passed); // hot swap: the ensemble replaces the stack
        var server = Assert.IsType<SequenceMemberServer>(lifecycle.Host.Current!.Session.SequenceRows);
        var source = new HostedModelSource(lifecycle.Host);

        int warmingSame = 0, servedDifferent = 0;
        var scores = new float[3];
        var alone = new float[3];
        for (int r = 0; r < 40; r++)
        {
            long warmingBefore = server.MemberWarmingRows;
            var warming = new bool[1];
            Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Row(r), [Key(rows, r)], 1, scores, rows.Width, 3, warming));
            Assert.False(warming[0]); // the ensemble never warms: the other members answer
            Assert.Equal(PredictStatus.Ok, stackAlone.Predict(rows.Row(r), 1, alone));
            bool memberWarmed = server.MemberWarmingRows > warmingBefore;
            float diff = Math.Max(Math.Abs(scores[0] - alone[0]), Math.Max(Math.Abs(scores[1] - alone[1]), Math.Abs(scores[2] - alone[2])));
            if (memberWarmed) { Assert.True(diff < 1e-6, $"row {r}: the warming member moved the ensemble by {diff}"); warmingSame++; }
            else if (diff > 1e-4) servedDifferent++;
        }
        // The LSTM steps from zero state (it never warms); the transformer warms until its window (4 x 2 rows) fills.
        if (family == "transformer") Assert.Equal(6, warmingSame);
        else Assert.Equal(0, warmingSame);
        Assert.True(servedDifferent > 0, "the member never changed the ensemble's answer");

        // Steady state: member step or window, then the ensemble graph, allocate nothing per decision.
        var oneKey = new SequenceRowKey[1];
        var warm = new bool[1];
        void Decide(int r)
        {
            oneKey[0] = Key(rows, r);
            source.Predict(rows.Row(r), oneKey, 1, scores, rows.Width, 3, warm);
        }
        for (int r = 40; r < 80; r++) Decide(r);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 80; r < 180; r++) Decide(r);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // Shadow: the ensemble as a candidate beside the live model sees the same rows and keys.
        using var shadow = new ShadowScorer(NullLogger.Instance);
        shadow.SetCandidate(new ServedModel(loader.Load(path), path, ModelRegistry.Sha256Of(path)));
        int compared = 0;
        for (int r = 0; r < 20; r++) compared += shadow.Observe(rows.Row(r), [Key(rows, r)], 1, rows.Width, [0.2f, 0.5f, 0.3f], firstDecisionId: r);
        Assert.Equal(20, compared);

        var promote = Hft.Run("models", "promote", path, "--shadow", "--dir", _dir);
        Assert.True(promote.ExitCode == 0, promote.ToString());

        Assert.True(lifecycle.Rollback(out string message), message);
        Assert.Null(lifecycle.Host.Current!.Session.SequenceRows);
    }

    [Fact]
    public void An_lstm_and_a_transformer_join_one_stack_and_while_the_transformer_warms_the_ensemble_is_the_one_without_it()
    {
        var path = Path.Combine(_dir, "pair.onnx");
        var run = Hft.RunProcess(["train", "--stacked", "--family", "lstm,transformer", "--sim-minutes", "3", "--folds", "3", "--candidates", "1", "--epochs", "1",
            "--features-from", "defaults", "--out", path, "--json", "--sequence-length", "4", "--hidden", "8", "--cadence", "500ms", "--d-model", "8", "--heads", "2"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal("lstm+transformer", (string)o["family"]!);
        Assert.True(o["membersOutOfSample"]!.AsObject().ContainsKey("lstm") && o["membersOutOfSample"]!.AsObject().ContainsKey("transformer"), run.ToString());
        var files = o["models"]!.AsArray().Select(x => (string)x!).ToArray();
        Assert.Equal(4, files.Length); // ensemble, stack alone, the two members
        var validate = Hft.Run("models", "validate", path);
        Assert.True(validate.ExitCode == 0, validate.ToString());

        var replay = Hft.Run("replay", "--sim-minutes", "1", "--model", path, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var r0 = replay.SingleJson();
        var m = r0["ensembleMember"]!;
        Assert.Equal(2, (int)m["members"]!);
        Assert.True((long)m["rows"]! > 0 && (long)m["warmingRows"]! > 0, replay.ToString()); // the transformer warms at the start
        Assert.Equal((long)r0["inferenceRows"]!, (long)m["rows"]! + (long)m["warmingRows"]! + (long)m["failedRows"]!);

        // Served from one file through the lifecycle: both members attached, in order. While the transformer warms the
        // ensemble's graph is fed the LSTM's scores only, and answers what the graph gives with the transformer not
        // ready; once both answer, the transformer moves the answer.
        var rows = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples;
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "watched-pair")).FullName;
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        Assert.True(lifecycle.OnModelFile(path)!.Passed);
        var session = lifecycle.Host.Current!.Session;
        Assert.Equal(2, session.Members.Count);
        Assert.IsType<LstmRowServer>(session.Members[0].SequenceRows);
        Assert.IsType<WindowRowServer>(session.Members[1].SequenceRows);
        var server = Assert.IsType<SequenceMemberServer>(session.SequenceRows);
        var source = new HostedModelSource(lifecycle.Host);
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(4), NullLogger.Instance);
        using var reference = loader.Load(path); // the same graph, fed by hand
        var lstm = reference.Members[0].SequenceRows!;
        var scores = new float[3];
        var lstmScores = new float[3];
        var expected = new float[3];
        int warmingRows = 0;
        for (int r = 0; r < 40; r++)
        {
            long warmingBefore = server.MemberWarmingRows;
            var key = new[] { Key(rows, r) };
            Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Row(r), key, 1, scores, rows.Width, 3, new bool[1]));
            Assert.True(lstm.Serve(rows.Row(r), key, 1, rows.Width, lstmScores, 3, new bool[1]));
            if (server.MemberWarmingRows == warmingBefore) continue;
            warmingRows++;
            lstmScores.CopyTo(reference.MemberScores(0, 1)[..3]);
            reference.MemberScores(0, 1)[3..].Fill(1f / 3);
            reference.MemberReady(0, 1)[0] = 1f;
            reference.MemberReady(0, 1)[1] = 0f;
            Assert.Equal(PredictStatus.Ok, reference.Predict(rows.Row(r), 1, expected));
            Assert.Equal(expected, scores);
        }
        Assert.Equal(6, warmingRows); // the transformer's window (4 x 2 rows) fills on the 7th row; the LSTM never warms
        var oneKey = new SequenceRowKey[1];
        var warm = new bool[1];
        for (int r = 40; r < 80; r++) { oneKey[0] = Key(rows, r); source.Predict(rows.Row(r), oneKey, 1, scores, rows.Width, 3, warm); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 80; r < 180; r++) { oneKey[0] = Key(rows, r); source.Predict(rows.Row(r), oneKey, 1, scores, rows.Width, 3, warm); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static SequenceRowKey Key(FeatureMatrix rows, int r) => new() { SymbolId = 0, TimeNs = rows.TimesNs[r], BookSynced = true, Restart = r == 0 };
}
