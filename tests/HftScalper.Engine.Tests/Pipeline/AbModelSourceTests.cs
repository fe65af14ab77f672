using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Online;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// A/B serving of the adaptation candidate (<see cref="AbModelSource"/>): two real tree models under ONNX Runtime; every
/// row's scores must be exactly those of the model its arm names, the arms must follow the router (a symbol stays in one
/// arm; decisions of a symbol spread over both), the same rows route the same way every time, nothing goes to the
/// candidate when there is none or it is not eligible (probation), and serving allocates nothing.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class AbModelSourceTests : IClassFixture<PipelineFixture>, IDisposable
{
    private const int Rows = 1024, Symbols = 64;
    private readonly ModelHost _live = new(NullLogger.Instance), _candidate = new(NullLogger.Instance);
    private readonly float[] _rows;
    private readonly SequenceRowKey[] _keys;
    private readonly float[] _liveScores, _candidateScores;
    private readonly int _width = FeatureEngine.DefaultSchema.Count;

    public AbModelSourceTests(PipelineFixture fx)
    {
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(), new ModelValidationOptions(), NullLogger.Instance);
        ServedModel Load(string path)
        {
            var report = validator.Validate(path, [], out var session);
            Assert.True(report.Passed, report.Message);
            return new ServedModel(session!, path, report.Sha256);
        }
        _live.Swap(Load(fx.TreeModel(seed: 1)));
        _candidate.Swap(Load(fx.TreeModel(seed: 2)));
        var rng = new Random(5);
        _rows = new float[Rows * _width];
        for (int i = 0; i < _rows.Length; i++) _rows[i] = (float)(rng.NextDouble() * 4 - 2);
        _keys = new SequenceRowKey[Rows];
        for (int i = 0; i < Rows; i++) _keys[i] = new SequenceRowKey { SymbolId = i % Symbols, TimeNs = 1_700_000_000_000_000_000 + i * 7_000_000L, BookSynced = true };
        _liveScores = Serve(new HostedModelSource(_live));
        _candidateScores = Serve(new HostedModelSource(_candidate));
        int differ = 0;
        for (int i = 0; i < Rows; i++) if (!Row(_liveScores, i).SequenceEqual(Row(_candidateScores, i))) differ++;
        Assert.True(differ > Rows / 2, $"the two models agree on {Rows - differ} of {Rows} rows: the test would not see a mix-up");
    }

    public void Dispose()
    {
        _live.Dispose();
        _candidate.Dispose();
    }

    [Theory]
    [InlineData(AbSplit.Decision)]
    [InlineData(AbSplit.Symbol)]
    public void Every_row_is_served_by_the_model_of_its_arm_and_the_arms_follow_the_split(AbSplit split)
    {
        var source = new AbModelSource(_live, _candidate, new AbRouter(0.5, split, seed: 3));

        var scores = Serve(source);

        var armsBySymbol = new HashSet<AbArm>[Symbols];
        for (int s = 0; s < Symbols; s++) armsBySymbol[s] = [];
        int candidateRows = 0;
        for (int i = 0; i < Rows; i++)
        {
            var arm = source.ArmOf(_keys[i]);
            armsBySymbol[_keys[i].SymbolId].Add(arm);
            if (arm == AbArm.Candidate) candidateRows++;
            Assert.True(Row(scores, i).SequenceEqual(Row(arm == AbArm.Candidate ? _candidateScores : _liveScores, i)), $"row {i} ({arm}) has the other model's scores");
        }
        Assert.Equal(candidateRows, source.CandidateRows);
        Assert.Equal(Rows - candidateRows, source.LiveRows);
        Assert.InRange(candidateRows, Rows * 3 / 10, Rows * 7 / 10);
        if (split == AbSplit.Symbol) Assert.All(armsBySymbol, arms => Assert.Single(arms));       // sticky per symbol
        else Assert.True(armsBySymbol.Count(a => a.Count == 2) > Symbols / 2, "decisions of a symbol should spread over both arms");
    }

    [Fact]
    public void The_same_rows_route_the_same_way_every_time_and_another_seed_routes_otherwise()
    {
        var a = Serve(new AbModelSource(_live, _candidate, new AbRouter(0.5, AbSplit.Decision, seed: 3)));
        var b = Serve(new AbModelSource(_live, _candidate, new AbRouter(0.5, AbSplit.Decision, seed: 3)));
        var other = Serve(new AbModelSource(_live, _candidate, new AbRouter(0.5, AbSplit.Decision, seed: 4)));

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Without_a_candidate_outside_eligibility_or_at_fraction_zero_the_live_model_serves_every_row()
    {
        using var empty = new ModelHost(NullLogger.Instance);
        var none = new AbModelSource(_live, empty, new AbRouter(0.5));
        var probation = new AbModelSource(_live, _candidate, new AbRouter(0.5), candidateEligible: () => false);
        var zero = new AbModelSource(_live, _candidate, new AbRouter(0));

        Assert.Equal(_liveScores, Serve(none));
        Assert.Equal(_liveScores, Serve(probation));
        Assert.Equal(_liveScores, Serve(zero));
        Assert.Equal(0, none.CandidateRows + probation.CandidateRows + zero.CandidateRows);
        Assert.Equal(Rows, probation.LiveRows);
    }

    [Fact]
    public void Serving_a_mixed_batch_allocates_nothing()
    {
        var source = new AbModelSource(_live, _candidate, new AbRouter(0.5, AbSplit.Decision), candidateEligible: () => true);
        var scores = new float[32 * 3];
        var warming = new bool[32];
        source.Predict(_rows.AsSpan(0, 32 * _width), _keys.AsSpan(0, 32), 32, scores, _width, 3, warming); // warm up

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int b = 0; b < Rows / 32; b++)
                source.Predict(_rows.AsSpan(b * 32 * _width, 32 * _width), _keys.AsSpan(b * 32, 32), 32, scores, _width, 3, warming);
        });

        Assert.Equal(0, allocated);
        Assert.True(source.CandidateRows > 0 && source.LiveRows > 0);
    }

    private float[] Serve(IDecisionModelSource source)
    {
        var scores = new float[Rows * 3];
        var warming = new bool[32];
        for (int b = 0; b < Rows / 32; b++)
        {
            var status = source.Predict(_rows.AsSpan(b * 32 * _width, 32 * _width), _keys.AsSpan(b * 32, 32), 32, scores.AsSpan(b * 32 * 3, 32 * 3), _width, 3, warming);
            Assert.Equal(DecisionModelStatus.Ok, status);
        }
        return scores;
    }

    private static float[] Row(float[] scores, int i) => scores.AsSpan(i * 3, 3).ToArray();
}
