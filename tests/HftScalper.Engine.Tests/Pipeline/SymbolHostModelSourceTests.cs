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
/// Per-symbol live models (<see cref="SymbolHostModelSource"/>, <c>--adapt-per-symbol</c>): two real tree models under
/// ONNX Runtime; a symbol with its own host gets exactly its model's scores, every other symbol the shared model's; a
/// swap in a symbol's host changes only that symbol's rows; serving allocates nothing. And the A/B source remembers
/// which rows its candidate served (<see cref="AbModelSource.ArmServed"/>: the PnL split by arm).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SymbolHostModelSourceTests : IClassFixture<PipelineFixture>, IDisposable
{
    private const int Rows = 1024, Symbols = 8;
    private readonly ModelHost _shared = new(NullLogger.Instance), _own = new(NullLogger.Instance);
    private readonly ServedModel _sharedModel, _ownModel;
    private readonly float[] _rows;
    private readonly SequenceRowKey[] _keys;
    private readonly float[] _sharedScores, _ownScores;
    private readonly int _width = FeatureEngine.DefaultSchema.Count;

    public SymbolHostModelSourceTests(PipelineFixture fx)
    {
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(), new ModelValidationOptions(), NullLogger.Instance);
        ServedModel Load(string path)
        {
            var report = validator.Validate(path, [], out var session);
            Assert.True(report.Passed, report.Message);
            return new ServedModel(session!, path, report.Sha256);
        }
        _sharedModel = Load(fx.TreeModel(seed: 1));
        _ownModel = Load(fx.TreeModel(seed: 2));
        _shared.Swap(_sharedModel);
        _own.Swap(_ownModel);
        var rng = new Random(5);
        _rows = new float[Rows * _width];
        for (int i = 0; i < _rows.Length; i++) _rows[i] = (float)(rng.NextDouble() * 4 - 2);
        _keys = new SequenceRowKey[Rows];
        for (int i = 0; i < Rows; i++) _keys[i] = new SequenceRowKey { SymbolId = (i / 3) % Symbols, TimeNs = 1_700_000_000_000_000_000 + i * 7_000_000L, BookSynced = true };
        _sharedScores = Serve(new HostedModelSource(_shared));
        _ownScores = Serve(new HostedModelSource(_own));
        Assert.NotEqual(_sharedScores, _ownScores);
    }

    public void Dispose()
    {
        _shared.Dispose();
        _own.Dispose();
    }

    [Fact]
    public void A_symbol_with_its_own_host_gets_its_models_scores_and_every_other_symbol_the_shared_ones()
    {
        var source = new SymbolHostModelSource(_shared, maxSymbols: 16);
        Assert.Equal(_sharedScores, Serve(source)); // nobody has a host of their own yet

        source.Attach(3, _own);
        var scores = Serve(source);

        int own = 0;
        for (int i = 0; i < Rows; i++)
        {
            bool mine = _keys[i].SymbolId == 3;
            if (mine) own++;
            Assert.True(Row(scores, i).SequenceEqual(Row(mine ? _ownScores : _sharedScores, i)), $"row {i} of symbol {_keys[i].SymbolId} has the wrong model's scores");
        }
        Assert.Equal(own, source.RowsServed(3));
        Assert.Equal(2 * Rows - own, source.RowsServed(-1)); // the first pass, then every other symbol's rows
    }

    [Fact]
    public void A_swap_in_one_symbols_host_changes_only_that_symbols_rows_and_serving_allocates_nothing()
    {
        using var symbolHost = new ModelHost(NullLogger.Instance);
        symbolHost.Swap(ReloadShared());
        var source = new SymbolHostModelSource(_shared, maxSymbols: 16);
        source.Attach(5, symbolHost);
        Assert.Equal(_sharedScores, Serve(source)); // a symbol's copy of the shared model serves the same scores

        var ownValidator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(), new ModelValidationOptions(), NullLogger.Instance);
        var report = ownValidator.Validate(_ownModel.SourcePath, [], out var session);
        Assert.True(report.Passed, report.Message);
        symbolHost.Swap(new ServedModel(session!, _ownModel.SourcePath, report.Sha256)); // symbol 5 graduates
        var scores = Serve(source);
        for (int i = 0; i < Rows; i++)
            Assert.True(Row(scores, i).SequenceEqual(Row(_keys[i].SymbolId == 5 ? _ownScores : _sharedScores, i)), $"row {i}");

        var buffer = new float[32 * 3];
        var warming = new bool[32];
        source.Predict(_rows.AsSpan(0, 32 * _width), _keys.AsSpan(0, 32), 32, buffer, _width, 3, warming);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int b = 0; b < Rows / 32; b++)
                source.Predict(_rows.AsSpan(b * 32 * _width, 32 * _width), _keys.AsSpan(b * 32, 32), 32, buffer, _width, 3, warming);
        }));
    }

    [Fact]
    public void The_ab_source_tells_which_rows_its_candidate_served()
    {
        var source = new AbModelSource(_shared, _own, new AbRouter(0.5, AbSplit.Decision, seed: 3));

        Serve(source);

        int candidate = 0;
        // The last 64 candidate rows of each symbol are remembered: look at the last 64 rows of each symbol.
        for (int i = Rows - 64; i < Rows; i++)
        {
            var arm = source.ArmOf(_keys[i]);
            if (arm == AbArm.Candidate) candidate++;
            Assert.Equal(arm, source.ArmServed(_keys[i].SymbolId, _keys[i].TimeNs));
        }
        Assert.True(candidate > 0 && candidate < 64, $"{candidate} of 64 rows on the candidate");
        Assert.Equal(AbArm.Live, source.ArmServed(0, 42)); // a row never served
    }

    private ServedModel ReloadShared()
    {
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(), new ModelValidationOptions(), NullLogger.Instance);
        var report = validator.Validate(_sharedModel.SourcePath, [], out var session);
        Assert.True(report.Passed, report.Message);
        return new ServedModel(session!, _sharedModel.SourcePath, report.Sha256);
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
