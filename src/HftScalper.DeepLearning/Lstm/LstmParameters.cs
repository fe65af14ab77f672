namespace HftScalper.DeepLearning.Lstm;

/// <summary>Architecture and optimiser settings of one LSTM candidate.</summary>
/// <param name="Hidden">Hidden units of the single LSTM layer.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="BatchSize">Windows per optimiser step.</param>
/// <param name="MaxEpochs">Most passes over the training windows (early stopping usually ends sooner).</param>
/// <param name="Patience">Epochs without a better early-stopping loss before training stops.</param>
public sealed record LstmParameters(int Hidden = 32, double LearningRate = 2e-3, int BatchSize = 64, int MaxEpochs = 12, int Patience = 2)
    : Sequences.ISequenceParameters
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"hidden={Hidden} lr={LearningRate} batch={BatchSize} epochs<={MaxEpochs} patience={Patience}");
}
