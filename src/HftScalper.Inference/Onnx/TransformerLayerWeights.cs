namespace HftScalper.Inference.Onnx;

/// <summary>
/// One pre-norm encoder layer in torch's layout (a linear layer's weight is <c>[out, in]</c>, row-major):
/// <c>h += Wo·attention(LN1(h)) + bo</c>, then <c>h += W2·relu(W1·LN2(h) + b1) + b2</c>.
/// </summary>
/// <param name="Norm1Gain">LN1 gain <c>[d]</c>.</param>
/// <param name="Norm1Bias">LN1 bias <c>[d]</c>.</param>
/// <param name="QueryWeight">Query projection <c>[d, d]</c>.</param>
/// <param name="QueryBias">Query bias <c>[d]</c>.</param>
/// <param name="KeyWeight">Key projection <c>[d, d]</c>.</param>
/// <param name="KeyBias">Key bias <c>[d]</c>.</param>
/// <param name="ValueWeight">Value projection <c>[d, d]</c>.</param>
/// <param name="ValueBias">Value bias <c>[d]</c>.</param>
/// <param name="OutWeight">Attention output projection <c>[d, d]</c>.</param>
/// <param name="OutBias">Attention output bias <c>[d]</c>.</param>
/// <param name="Norm2Gain">LN2 gain <c>[d]</c>.</param>
/// <param name="Norm2Bias">LN2 bias <c>[d]</c>.</param>
/// <param name="FeedForward1Weight">First feed-forward layer <c>[ff, d]</c>.</param>
/// <param name="FeedForward1Bias">Its bias <c>[ff]</c>.</param>
/// <param name="FeedForward2Weight">Second feed-forward layer <c>[d, ff]</c>.</param>
/// <param name="FeedForward2Bias">Its bias <c>[d]</c>.</param>
public sealed record TransformerLayerWeights(
    float[] Norm1Gain, float[] Norm1Bias,
    float[] QueryWeight, float[] QueryBias, float[] KeyWeight, float[] KeyBias, float[] ValueWeight, float[] ValueBias,
    float[] OutWeight, float[] OutBias,
    float[] Norm2Gain, float[] Norm2Bias,
    float[] FeedForward1Weight, float[] FeedForward1Bias, float[] FeedForward2Weight, float[] FeedForward2Bias);
