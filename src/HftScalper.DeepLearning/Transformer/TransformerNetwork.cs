using HftScalper.Inference.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Transformer;

/// <summary>
/// A small transformer encoder over a window <c>[B,T,F]</c> of standardised rows: linear embedding to width d, a
/// learned positional encoding, <see cref="TransformerBlock"/> layers, a final layer norm, the mean over the T
/// positions and a linear head: logits <c>[B,O]</c>.
/// </summary>
public sealed class TransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear embed;
    private readonly Parameter position;
    private readonly ModuleList<TransformerBlock> layers;
    private readonly LayerNorm finalNorm;
    private readonly Linear head;
    private readonly Scalar _one; // held, not an implicit temporary: see TransformerBlock

    /// <summary>Creates the layers (weights drawn from torch's generator: seed it first).</summary>
    public TransformerNetwork(int inputs, int sequenceLength, TransformerParameters p, int outputs) : base(nameof(TransformerNetwork))
    {
        ArgumentNullException.ThrowIfNull(p);
        Inputs = inputs;
        SequenceLength = sequenceLength;
        Parameters = p;
        Outputs = outputs;
        embed = nn.Linear(inputs, p.ModelWidth);
        using (var scale = 0.02f.ToScalar()) position = nn.Parameter(randn(sequenceLength, p.ModelWidth).mul_(scale));
        _one = 1f.ToScalar();
        layers = nn.ModuleList([.. Enumerable.Range(0, p.Layers).Select(_ => new TransformerBlock(p.ModelWidth, p.Heads, p.FeedForward))]);
        finalNorm = nn.LayerNorm(p.ModelWidth, TransformerWeights.NormEpsilon);
        head = nn.Linear(p.ModelWidth, outputs);
        RegisterComponents();
    }

    /// <summary>Features per row.</summary>
    public int Inputs { get; }

    /// <summary>Rows per window.</summary>
    public int SequenceLength { get; }

    /// <summary>The architecture.</summary>
    public TransformerParameters Parameters { get; }

    /// <summary>Output columns.</summary>
    public int Outputs { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = embed.call(input).add(position, _one);
        foreach (var layer in layers) h = layer.call(h);
        return head.call(finalNorm.call(h).mean([1])).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _one.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The trained weights as flat arrays in torch's layout.</summary>
    public TransformerWeights Weights()
    {
        var p = Parameters;
        return new TransformerWeights(Inputs, SequenceLength, p.ModelWidth, p.Heads, p.FeedForward, Outputs,
            TransformerBlock.Read(embed.weight!), TransformerBlock.Read(embed.bias!), TransformerBlock.Read(position),
            [.. layers.Select(l => l.Weights())],
            TransformerBlock.Read(finalNorm.weight!), TransformerBlock.Read(finalNorm.bias!),
            TransformerBlock.Read(head.weight!), TransformerBlock.Read(head.bias!));
    }
}
