using HftScalper.Inference.Onnx;

namespace HftScalper.Inference.Tests.Support;

/// <summary>Straightforward C# forward passes (double accumulation) that ONNX Runtime's results are checked against.</summary>
public static class ReferenceModels
{
    public static float[] Dense(DenseLayer layer, ReadOnlySpan<float> x)
    {
        var y = new float[layer.Outputs];
        for (int o = 0; o < layer.Outputs; o++)
        {
            double s = layer.Bias[o];
            for (int i = 0; i < layer.Inputs; i++) s += (double)layer.Weights[o * layer.Inputs + i] * x[i];
            y[o] = (float)s;
        }
        return y;
    }

    public static float[] Mlp(IReadOnlyList<DenseLayer> layers, OutputActivation output, ReadOnlySpan<float> x)
    {
        var h = x.ToArray();
        for (int l = 0; l < layers.Count; l++)
        {
            h = Dense(layers[l], h);
            if (l < layers.Count - 1)
                for (int i = 0; i < h.Length; i++) h[i] = MathF.Max(0, h[i]);
        }
        return output == OutputActivation.Softmax ? Softmax(h) : h;
    }

    /// <summary>x is one row [T,F]; gate order i, o, f, c as in ONNX.</summary>
    public static float[] Lstm(LstmWeights w, DenseLayer head, OutputActivation output, ReadOnlySpan<float> x, int steps)
    {
        int H = w.Hidden, F = w.Inputs;
        var h = new double[H];
        var c = new double[H];
        var gates = new double[4 * H];
        for (int t = 0; t < steps; t++)
        {
            var xt = x.Slice(t * F, F);
            for (int g = 0; g < 4 * H; g++)
            {
                double s = w.WBias[g] + w.RBias[g];
                for (int i = 0; i < F; i++) s += (double)w.W[g * F + i] * xt[i];
                for (int j = 0; j < H; j++) s += w.R[g * H + j] * h[j];
                gates[g] = s;
            }
            for (int j = 0; j < H; j++)
            {
                double i = Sigmoid(gates[j]), o = Sigmoid(gates[H + j]), f = Sigmoid(gates[2 * H + j]), cc = Math.Tanh(gates[3 * H + j]);
                c[j] = f * c[j] + i * cc;
                h[j] = o * Math.Tanh(c[j]);
            }
        }
        var y = Dense(head, Array.ConvertAll(h, v => (float)v));
        return output == OutputActivation.Softmax ? Softmax(y) : y;
    }

    public static float[] Trees(TreeEnsemble e, ReadOnlySpan<float> x)
    {
        var sum = new double[e.Outputs];
        if (e.BaseValues is not null) for (int k = 0; k < e.Outputs; k++) sum[k] = e.BaseValues[k];
        foreach (var nodes in e.Trees)
        {
            int n = 0;
            while (!nodes[n].IsLeaf) n = x[nodes[n].Feature] <= nodes[n].Threshold ? nodes[n].Left : nodes[n].Right;
            for (int k = 0; k < e.Outputs; k++) sum[k] += nodes[n].LeafValues![k];
        }
        return Array.ConvertAll(sum, v => (float)v);
    }

    public static float[] Softmax(float[] z)
    {
        double max = z.Max(), total = 0;
        var e = new double[z.Length];
        for (int i = 0; i < z.Length; i++) total += e[i] = Math.Exp(z[i] - max);
        return Array.ConvertAll(e, v => (float)(v / total));
    }

    public static int ArgMax(ReadOnlySpan<float> z)
    {
        int best = 0;
        for (int i = 1; i < z.Length; i++) if (z[i] > z[best]) best = i;
        return best;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
