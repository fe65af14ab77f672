using BenchmarkDotNet.Attributes;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// The incremental tree evaluator on rows of several symbols interleaved as a replay interleaves them (the simulator's
/// training market: BTCUSDT and three quiet alts, consecutive decision rows through the feature engine, each with its
/// symbol's key): one state per symbol (the default) against one state shared by every row (the previous behaviour:
/// rows of other symbols jump, so it falls back to walking every tree) and the stateless two-walk layout (baseline).
/// The three are checked bit for bit against each other on the whole set before timing.
/// <c>dotnet run -c Release --project bench/HftScalper.Benchmarks -- --filter '*TreeStateBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class TreeStateBenchmarks
{
    private const int SetRows = 16_384;
    private CompiledTreeModel _perSymbol = null!, _shared = null!, _stateless = null!;
    private float[] _rows = null!, _y = null!;
    private SequenceRowKey[] _keys = null!;
    private int _count, _cursor, _width;

    /// <summary>Model file in models/.</summary>
    [Params("default.onnx", "default.return.onnx")]
    public string Model { get; set; } = "default.onnx";

    /// <summary>Loads the three evaluators, cuts the interleaved rows and checks the evaluators agree on all of them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = CompiledTreeBenchmarks.FindModel(Model);
        var role = Model.Contains("return", StringComparison.Ordinal) ? ModelRole.Return : ModelRole.Direction;
        using var session = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(1) with { CompileTrees = false }, NullLogger.Instance).Load(path, role);
        string tensor = role == ModelRole.Return ? session.Contract.Return!.Tensor : session.Contract.Direction!.Tensor;
        _width = session.RowLength;
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        _perSymbol = TreeGraphCompiler.TryCompile(proto, tensor, out var why) ?? throw new InvalidOperationException(why);
        _shared = TreeGraphCompiler.TryCompile(proto, tensor, out why, treeStates: 0) ?? throw new InvalidOperationException(why);
        _stateless = TreeGraphCompiler.TryCompile(proto, tensor, out why, incremental: false) ?? throw new InvalidOperationException(why);
        (_rows, _keys) = InterleavedRows(_width);
        _count = _keys.Length;
        _y = new float[_perSymbol.OutputWidth];
        Check();
    }

    /// <summary>Baseline: the stateless two-walk layout.</summary>
    [Benchmark(Baseline = true)]
    public void Stateless() => _stateless.Evaluate(Next(out _), 1, _width, _y);

    /// <summary>Incremental, one state shared by every row (the keys ignored).</summary>
    [Benchmark]
    public void SharedState() => _shared.Evaluate(Next(out _), 1, _width, _y);

    /// <summary>Incremental, one state per symbol (the default).</summary>
    [Benchmark]
    public void StatePerSymbol()
    {
        var row = Next(out int at);
        _perSymbol.Evaluate(row, 1, _width, _y, _keys.AsSpan(at, 1));
    }

    // The next row of the set, wrapping around (a wrap is a jump for every state: once per 16,384 rows).
    private ReadOnlySpan<float> Next(out int at)
    {
        if (_cursor == _count) _cursor = 0;
        at = _cursor++;
        return _rows.AsSpan(at * _width, _width);
    }

    private void Check()
    {
        float[] a = new float[_y.Length], b = new float[_y.Length], c = new float[_y.Length];
        long walkedPer = 0, walkedShared = 0;
        for (int r = 0; r < _count; r++)
        {
            var row = _rows.AsSpan(r * _width, _width);
            _perSymbol.Evaluate(row, 1, _width, a, _keys.AsSpan(r, 1));
            _shared.Evaluate(row, 1, _width, b);
            _stateless.Evaluate(row, 1, _width, c);
            walkedPer += ((IncrementalTreeEnsemble)_perSymbol.Kernel).LastWalked;
            walkedShared += ((IncrementalTreeEnsemble)_shared.Kernel).LastWalked;
            for (int i = 0; i < a.Length; i++)
                if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(c[i]) || BitConverter.SingleToInt32Bits(b[i]) != BitConverter.SingleToInt32Bits(c[i]))
                    throw new InvalidOperationException($"row {r}: evaluators differ at {i}");
        }
        int symbols = _keys.Select(k => k.SymbolId).Distinct().Count();
        Console.WriteLine($"// {Model}: {_count} rows of {symbols} symbols; trees walked per row: {walkedPer / (double)_count:F1} per symbol, "
            + $"{walkedShared / (double)_count:F1} shared, of {_perSymbol.Kernel.Trees}");
    }

    // Decision rows of the simulator's training market (seed 1, four symbols) through the live feature engine, after
    // its first 4,096 decisions, with each row's symbol.
    private static (float[] Rows, SequenceRowKey[] Keys) InterleavedRows(int width)
    {
        var registry = new SymbolRegistry();
        var market = ReplayMarket.Spot;
        var options = SimulatorOptions.Training with { Duration = TimeSpan.FromMinutes(3) };
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Rule = market.Rule });
        var rows = new List<float>(SetRows * width);
        var keys = new List<SequenceRowKey>(SetRows);
        int seen = 0;
        replay.Run(source.Feed(registry, market.Venue), (in DecisionInfo info, ReadOnlySpan<float> row) =>
        {
            if (seen++ < 4096 || keys.Count >= SetRows) return;
            for (int i = 0; i < width; i++) rows.Add(i < row.Length ? row[i] : 0f);
            keys.Add(new SequenceRowKey { SymbolId = info.SymbolId, TimeNs = info.ExchangeTimeNs });
        });
        if (keys.Count < 1024) throw new InvalidOperationException($"only {keys.Count} decision rows");
        return ([.. rows], [.. keys]);
    }
}
