namespace HftScalper.Inference.Onnx;

/// <summary>
/// A small transformer encoder over a window of <see cref="SequenceLength"/> standardised feature rows, in torch's
/// layout: embedding <c>[d, F]</c> + bias, a learned position table <c>[T, d]</c>, pre-norm encoder
/// <see cref="Layers"/>, a final layer norm, the mean over the T positions and a linear head <c>[O, d]</c>.
/// </summary>
/// <param name="Inputs">Features per row (F).</param>
/// <param name="SequenceLength">Rows per window (T).</param>
/// <param name="ModelWidth">Model width (d).</param>
/// <param name="Heads">Attention heads (d must be a multiple).</param>
/// <param name="FeedForward">Feed-forward width (ff).</param>
/// <param name="Outputs">Head outputs (O).</param>
/// <param name="EmbedWeight">Row embedding <c>[d, F]</c>.</param>
/// <param name="EmbedBias">Its bias <c>[d]</c>.</param>
/// <param name="Position">Learned positional encoding <c>[T, d]</c>, added after the embedding.</param>
/// <param name="Layers">The encoder layers, first to last.</param>
/// <param name="FinalNormGain">Final layer norm gain <c>[d]</c>.</param>
/// <param name="FinalNormBias">Final layer norm bias <c>[d]</c>.</param>
/// <param name="HeadWeight">Head <c>[O, d]</c>.</param>
/// <param name="HeadBias">Head bias <c>[O]</c>.</param>
public sealed record TransformerWeights(
    int Inputs, int SequenceLength, int ModelWidth, int Heads, int FeedForward, int Outputs,
    float[] EmbedWeight, float[] EmbedBias, float[] Position,
    IReadOnlyList<TransformerLayerWeights> Layers,
    float[] FinalNormGain, float[] FinalNormBias, float[] HeadWeight, float[] HeadBias)
{
    /// <summary>Layer-norm epsilon (torch's default).</summary>
    public const float NormEpsilon = 1e-5f;

    /// <summary>Width of one head (d / heads).</summary>
    public int HeadWidth => ModelWidth / Heads;

    /// <summary>Throws <see cref="ArgumentException"/> when a tensor's length disagrees with the dimensions.</summary>
    public void Validate()
    {
        int f = Inputs, t = SequenceLength, d = ModelWidth, ff = FeedForward, o = Outputs;
        if (f <= 0 || t <= 0 || d <= 0 || Heads <= 0 || ff <= 0 || o <= 0) throw new ArgumentException("dimensions must be positive");
        if (d % Heads != 0) throw new ArgumentException($"model width {d} is not a multiple of {Heads} heads");
        Check("embed weight", EmbedWeight, d * f);
        Check("embed bias", EmbedBias, d);
        Check("position", Position, t * d);
        Check("final norm gain", FinalNormGain, d);
        Check("final norm bias", FinalNormBias, d);
        Check("head weight", HeadWeight, o * d);
        Check("head bias", HeadBias, o);
        if (Layers.Count == 0) throw new ArgumentException("no encoder layer");
        foreach (var l in Layers)
        {
            Check("norm 1", l.Norm1Gain, d); Check("norm 1 bias", l.Norm1Bias, d);
            Check("query", l.QueryWeight, d * d); Check("query bias", l.QueryBias, d);
            Check("key", l.KeyWeight, d * d); Check("key bias", l.KeyBias, d);
            Check("value", l.ValueWeight, d * d); Check("value bias", l.ValueBias, d);
            Check("out", l.OutWeight, d * d); Check("out bias", l.OutBias, d);
            Check("norm 2", l.Norm2Gain, d); Check("norm 2 bias", l.Norm2Bias, d);
            Check("feed-forward 1", l.FeedForward1Weight, ff * d); Check("feed-forward 1 bias", l.FeedForward1Bias, ff);
            Check("feed-forward 2", l.FeedForward2Weight, d * ff); Check("feed-forward 2 bias", l.FeedForward2Bias, d);
        }
    }

    private static void Check(string what, float[] values, int expected)
    {
        ArgumentNullException.ThrowIfNull(values, what);
        if (values.Length != expected) throw new ArgumentException($"{what}: {values.Length} values, expected {expected}");
    }
}
