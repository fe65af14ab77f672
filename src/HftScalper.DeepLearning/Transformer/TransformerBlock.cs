using HftScalper.Inference.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Transformer;

/// <summary>
/// One pre-norm encoder layer over <c>[B,T,d]</c>: <c>h + attention(LN1(h))</c>, then <c>+ W2·relu(W1·LN2(·))</c>.
/// Written out (not <c>nn.TransformerEncoderLayer</c>) so every operation has its ONNX counterpart in
/// <see cref="TransformerModelBuilder"/>, in the same order.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1, norm2;
    private readonly Linear query, key, value, output, feedForward1, feedForward2;
    private readonly int _heads;
    // Scalars held by the module, never implicit temporaries: TorchSharp does not keep an implicit Scalar (the 1 that
    // add(t) passes as alpha, or mul(1f / ...)) alive during its native call, so a collection started by another thread
    // could finalize it while libtorch reads it (seen as a c10 error from Scalar::toFloat under load in CI; forced GCs
    // reproduce it in a second). Dispose scopes do not track Scalars.
    private readonly Scalar _one, _scale;

    /// <summary>Creates the layer (weights drawn from torch's generator).</summary>
    public TransformerBlock(int width, int heads, int feedForward) : base(nameof(TransformerBlock))
    {
        if (width % heads != 0) throw new ArgumentException($"width {width} is not a multiple of {heads} heads");
        _heads = heads;
        norm1 = nn.LayerNorm(width, TransformerWeights.NormEpsilon);
        query = nn.Linear(width, width);
        key = nn.Linear(width, width);
        value = nn.Linear(width, width);
        output = nn.Linear(width, width);
        norm2 = nn.LayerNorm(width, TransformerWeights.NormEpsilon);
        feedForward1 = nn.Linear(width, feedForward);
        feedForward2 = nn.Linear(feedForward, width);
        _one = 1f.ToScalar();
        _scale = (1f / MathF.Sqrt(width / heads)).ToScalar();
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long b = input.shape[0], t = input.shape[1], d = input.shape[2], dh = d / _heads;
        var a = norm1.call(input);
        var q = query.call(a).reshape(b, t, _heads, dh).transpose(1, 2);
        var k = key.call(a).reshape(b, t, _heads, dh).permute(0, 2, 3, 1);
        var v = value.call(a).reshape(b, t, _heads, dh).transpose(1, 2);
        var p = nn.functional.softmax(q.matmul(k).mul(_scale), -1);
        var context = p.matmul(v).transpose(1, 2).reshape(b, t, d);
        var h1 = input.add(output.call(context), _one);
        var f = feedForward2.call(nn.functional.relu(feedForward1.call(norm2.call(h1))));
        return h1.add(f, _one).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _one.Dispose();
            _scale.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>The layer's weights in torch's layout.</summary>
    public TransformerLayerWeights Weights() => new(
        Read(norm1.weight!), Read(norm1.bias!),
        Read(query.weight!), Read(query.bias!), Read(key.weight!), Read(key.bias!), Read(value.weight!), Read(value.bias!),
        Read(output.weight!), Read(output.bias!),
        Read(norm2.weight!), Read(norm2.bias!),
        Read(feedForward1.weight!), Read(feedForward1.bias!), Read(feedForward2.weight!), Read(feedForward2.bias!));

    internal static float[] Read(Tensor t)
    {
        using var _ = no_grad();
        return t.detach().contiguous().data<float>().ToArray();
    }
}
