using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>A model source whose first call (on the inference stage's thread) waits up to 30 s until
/// <paramref name="release"/> is true, to hold a threaded run's stage threads at a chosen point; <see cref="Held"/> says
/// it was released (not timed out).</summary>
internal sealed class HeldModelSource(IDecisionModelSource inner, Func<bool> release) : IDecisionModelSource
{
    private bool _first = true;

    public bool Held { get; private set; }

    public bool HasModel => inner.HasModel;

    public int MaxBatch => inner.MaxBatch;

    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth) =>
        inner.Predict(rows, batch, scores, rowWidth, scoreWidth);

    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth,
        int scoreWidth, Span<bool> warming)
    {
        if (_first)
        {
            _first = false;
            Held = SpinWait.SpinUntil(release, TimeSpan.FromSeconds(30));
        }
        return inner.Predict(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
    }
}
