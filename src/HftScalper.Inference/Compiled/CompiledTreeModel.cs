using System.Runtime.CompilerServices;
using HftScalper.Inference.Sequence;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// A tree-ensemble ONNX graph evaluated in managed code: the flattened ensemble, then the graph's row operations
/// (base values, averaging, sigmoid, softmax, normalisation, the two-stage tail) in graph order. Built by <see cref="TreeGraphCompiler"/>
/// only for graphs it fully understands, so it computes the same tensor as ONNX Runtime does for the same input
/// (to the rounding of the exponentials; the differential tests hold it within 1e-6). One thread at a time.
/// </summary>
internal sealed class CompiledTreeModel
{
    private readonly TreeKernel _trees;
    private readonly PostOp[] _ops;
    private readonly float[] _base;

    /// <summary>A model over <paramref name="trees"/> with <paramref name="ops"/> applied per row.</summary>
    public CompiledTreeModel(TreeKernel trees, PostOp[] ops, float[]? baseValues, string description)
    {
        _trees = trees;
        _ops = ops;
        _base = baseValues ?? new float[trees.Outputs];
        if (_base.Length != trees.Outputs) throw new ArgumentException("one base value per output expected", nameof(baseValues));
        int twoStage = Array.IndexOf(ops, PostOp.TwoStage);
        if (twoStage >= 0 && (twoStage != ops.Length - 1 || trees.Outputs != 2))
            throw new ArgumentException("the two-stage tail is the last operation, on two values", nameof(ops));
        OutputWidth = twoStage >= 0 ? 3 : trees.Outputs;
        Description = description;
    }

    /// <summary>The ensemble's layout (for tests and benchmarks).</summary>
    internal TreeKernel Kernel => _trees;

    /// <summary>Values per output row.</summary>
    public int OutputWidth { get; }

    /// <summary>Input width needed (largest feature index + 1).</summary>
    public int Features => _trees.Features;

    /// <summary>What was compiled, for the load log line (e.g. "300 trees, depth 5, sigmoid+normalize").</summary>
    public string Description { get; }

    /// <summary>Evaluates <paramref name="batch"/> rows of <paramref name="rowLength"/> floats into <c>batch x OutputWidth</c> values.</summary>
    public void Evaluate(ReadOnlySpan<float> input, int batch, int rowLength, Span<float> output) => Evaluate(input, batch, rowLength, output, default);

    /// <summary>As <see cref="Evaluate(ReadOnlySpan{float}, int, int, Span{float})"/>, row r being of symbol
    /// <c>keys[r].SymbolId</c> (empty: rows of no symbol): an incremental ensemble compares each row with its symbol's
    /// previous row. The values do not depend on the keys.</summary>
    public void Evaluate(ReadOnlySpan<float> input, int batch, int rowLength, Span<float> output, ReadOnlySpan<SequenceRowKey> keys)
    {
        if (!keys.IsEmpty && keys.Length < batch) throw new ArgumentException("fewer keys than rows", nameof(keys));
        int k = _trees.Outputs, width = OutputWidth;
        if (rowLength < _trees.Features || input.Length < batch * rowLength || output.Length < batch * width)
            throw new ArgumentException("input or output too short for the batch");
        for (int r = 0; r < batch; r++)
        {
            var row = input.Slice(r * rowLength, rowLength);
            var values = output.Slice(r * width, width);
            var sums = values[..k];
            sums.Clear();
            _trees.Accumulate(row, sums, keys.IsEmpty ? -1 : keys[r].SymbolId);
            for (int o = 0; o < _ops.Length; o++)
            {
                if (_ops[o] == PostOp.TwoStage) ComposeTwoStage(values);
                else Apply(_ops[o], sums);
            }
        }
    }

    // [pm, pu, _] -> [down, flat, up] as the exported graph computes it: up = pm*pu (Mul), down = pm - up (Sub),
    // flat = 1 - pm (Sub), each rounded to float (no fused multiply-add), so the values are ORT's bit for bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ComposeTwoStage(Span<float> v)
    {
        float pm = v[0], pu = v[1];
        float up = pm * pu;
        float down = pm - up;
        float flat = 1f - pm;
        v[0] = down;
        v[1] = flat;
        v[2] = up;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply(PostOp op, Span<float> v)
    {
        switch (op)
        {
            case PostOp.AddBase:
                for (int i = 0; i < v.Length; i++) v[i] = _base[i] + v[i];
                break;
            case PostOp.AverageTrees:
                for (int i = 0; i < v.Length; i++) v[i] /= _trees.Trees;
                break;
            case PostOp.Sigmoid:
                for (int i = 0; i < v.Length; i++) v[i] = MlasLogistic.Evaluate(v[i]);
                break;
            case PostOp.Logistic:
                // ORT's ml ComputeLogistic: symmetric in the sign, so large negative inputs keep their precision.
                for (int i = 0; i < v.Length; i++)
                {
                    float p = 1f / (1f + MathF.Exp(-MathF.Abs(v[i])));
                    v[i] = v[i] < 0 ? 1f - p : p;
                }
                break;
            case PostOp.Softmax:
            {
                float max = float.NegativeInfinity;
                for (int i = 0; i < v.Length; i++) max = MathF.Max(max, v[i]);
                float sum = 0;
                for (int i = 0; i < v.Length; i++) sum += v[i] = MathF.Exp(v[i] - max);
                for (int i = 0; i < v.Length; i++) v[i] /= sum;
                break;
            }
            case PostOp.Normalize:
            {
                float sum = 0;
                for (int i = 0; i < v.Length; i++) sum += v[i];
                for (int i = 0; i < v.Length; i++) v[i] /= sum;
                break;
            }
        }
    }
}
