using System.Numerics.Tensors;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using static HftScalper.Inference.Sequence.TransformerKernels;

namespace HftScalper.Inference.Sequence;

// Load time: reading the exporter's graph and laying its weights out for the per-call passes (fused Q/K/V, the first
// layer's projection split into a per-snapshot, a per-position and a constant part). Nothing here runs per call.
internal sealed partial class CompiledTransformer
{
    /// <summary>Reads the encoder from a transformer window model.</summary>
    /// <exception cref="InvalidDataException">The graph is not <see cref="Onnx.TransformerModelBuilder"/>'s, or a tensor is missing or mis-sized.</exception>
    public static CompiledTransformer FromModel(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var init = model.Graph.Initializer.ToDictionary(x => x.Name, StringComparer.Ordinal);
        float[] Get(string name)
        {
            if (!init.TryGetValue(name, out var x)) throw new InvalidDataException($"not a transformer window model: no initializer '{name}'");
            return OnnxGraph.Floats(x);
        }
        if (!init.TryGetValue("heads_shape", out var shape)) throw new InvalidDataException("not a transformer window model: no 'heads_shape'");
        long[] dims = OnnxGraph.Int64s(shape);
        if (dims.Length != 4 || dims[1] <= 0 || dims[2] <= 0) throw new InvalidDataException("heads_shape is not [0, T, heads, dh]");
        int layers = 0;
        while (model.Graph.Node.Any(n => n.Name == $"l{layers}_norm1")) layers++;
        if (layers == 0) throw new InvalidDataException("not a transformer window model: no encoder layer");
        return new CompiledTransformer(Get, (int)dims[1], (int)dims[2], layers);
    }

    // [d, 3d] = [Wq | Wk | Wv] row by row (each [d, d], stored [in, out]).
    private static float[] Fuse(float[] q, float[] k, float[] v, int d)
    {
        var w = new float[3 * q.Length];
        if (q.Length != d * d || k.Length != d * d || v.Length != d * d) return [];
        for (int i = 0; i < d; i++)
        {
            q.AsSpan(i * d, d).CopyTo(w.AsSpan(i * 3 * d, d));
            k.AsSpan(i * d, d).CopyTo(w.AsSpan(i * 3 * d + d, d));
            v.AsSpan(i * d, d).CopyTo(w.AsSpan(i * 3 * d + 2 * d, d));
        }
        return w;
    }

    // The first layer's norm + Q/K/V split as the class docs say: G·W (rows of W times the norm's gain), each position's
    // centred row times G·W, and b·W + bias.
    private (float[] Snapshot, float[] Positions, float[] Constant) SplitFirstProjection(Layer l)
    {
        int d = _d, d3 = _d3, t = _t;
        var gw = new float[d * d3];
        for (int i = 0; i < d; i++)
            for (int c = 0; c < d3; c++) gw[i * d3 + c] = l.Norm1Gain[i] * l.QkvT[i * d3 + c];
        var positions = new float[t * d3];
        var centred = new float[d];
        for (int k = 0; k < t; k++)
        {
            var p = _position.AsSpan(k * d, d);
            float mean = TensorPrimitives.Sum(p) / d;
            TensorPrimitives.Subtract(p, mean, centred);
            RowTimes(centred, gw, d3, positions.AsSpan(k * d3, d3));
        }
        var constant = new float[d3];
        RowTimes(l.Norm1Bias, l.QkvT, d3, constant, l.QkvB);
        return (gw, positions, constant);
    }
}
