namespace HftScalper.DeepLearning.Lstm;

/// <summary>
/// An LSTM layer and its linear head in torch's layout: <c>WeightIh [4H,F]</c>, <c>WeightHh [4H,H]</c> and the two
/// biases <c>[4H]</c>, gate blocks in torch's order <c>i, f, g, o</c>; head <c>[O,H]</c> and <c>[O]</c>.
/// </summary>
public sealed record LstmTorchWeights(int Inputs, int Hidden, int Outputs, float[] WeightIh, float[] WeightHh, float[] BiasIh, float[] BiasHh,
    float[] HeadWeight, float[] HeadBias);
