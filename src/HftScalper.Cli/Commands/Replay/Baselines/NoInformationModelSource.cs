using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Contracts;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// The "model" of the no-information maker baseline: it reads no feature and always answers the same probabilities,
/// 0.6 for the side it quotes and 0.2 for the two others, so every decision asks for a maker entry of a fixed
/// confidence (Kelly sizes it like a model signal of 0.6). The side carries no information: on a market that cannot
/// short (spot without margin) it is always the bid (the exit is the passive offer of the quote manager's take-profit),
/// elsewhere it alternates every <see cref="BlockRows"/> decisions, so over a run it bids and offers equally.
/// Deterministic (a row counter, no clock); no allocation per call.
/// </summary>
internal sealed class NoInformationModelSource(bool twoSided) : IDecisionModelSource
{
    /// <summary>Decisions between two changes of side on a market that can short.</summary>
    public const int BlockRows = 256;

    /// <summary>Probability given to the quoted side (the two other classes get 0.2 each).</summary>
    public const float Confidence = 0.6f;

    private long _rows;

    /// <inheritdoc />
    public bool HasModel => true;

    /// <inheritdoc />
    public int MaxBatch => 256;

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        if (scoreWidth < DirectionContract.Count) return DecisionModelStatus.Failed;
        float other = (1f - Confidence) / 2;
        for (int i = 0; i < batch; i++, _rows++)
        {
            var row = scores.Slice(i * scoreWidth, scoreWidth);
            row.Fill(0f);
            bool up = !twoSided || ((_rows / BlockRows) & 1) == 0;
            row[DirectionContract.Down] = up ? other : Confidence;
            row[DirectionContract.Flat] = other;
            row[DirectionContract.Up] = up ? Confidence : other;
        }
        return DecisionModelStatus.Ok;
    }
}
