using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Lstm;

/// <summary>One LSTM layer over <c>[B,T,F]</c> (batch first), then a linear head on the last hidden state: logits <c>[B,O]</c>.</summary>
public sealed class LstmNetwork : nn.Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear head;

    /// <summary>Creates the layers (weights drawn from torch's generator: seed it first).</summary>
    public LstmNetwork(int inputs, int hidden, int outputs) : base(nameof(LstmNetwork))
    {
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        lstm = nn.LSTM(inputs, hidden, batchFirst: true);
        head = nn.Linear(hidden, outputs);
        RegisterComponents();
    }

    /// <summary>Features per step.</summary>
    public int Inputs { get; }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Output columns.</summary>
    public int Outputs { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (_, h, c) = lstm.call(input);
        c.Dispose();
        return head.call(h.squeeze(0)).MoveToOuterDisposeScope();
    }

    /// <summary>The trained weights as flat arrays in torch's layout (gate blocks i, f, g, o).</summary>
    public LstmTorchWeights Weights()
    {
        using var _ = no_grad();
        float[] Read(Tensor t) => t.detach().contiguous().data<float>().ToArray();
        var p = lstm.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        return new LstmTorchWeights(Inputs, Hidden, Outputs,
            Read(p["weight_ih_l0"]), Read(p["weight_hh_l0"]), Read(p["bias_ih_l0"]), Read(p["bias_hh_l0"]),
            Read(head.weight!), Read(head.bias!));
    }

    /// <summary>Overwrites every parameter with <paramref name="w"/> (restores the best early-stopping epoch).</summary>
    public void Load(LstmTorchWeights w)
    {
        ArgumentNullException.ThrowIfNull(w);
        using var _ = no_grad();
        var p = lstm.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        void Set(Tensor t, float[] v) { using var src = tensor(v, t.shape); t.copy_(src); }
        Set(p["weight_ih_l0"], w.WeightIh);
        Set(p["weight_hh_l0"], w.WeightHh);
        Set(p["bias_ih_l0"], w.BiasIh);
        Set(p["bias_hh_l0"], w.BiasHh);
        Set(head.weight!, w.HeadWeight);
        Set(head.bias!, w.HeadBias);
    }
}
