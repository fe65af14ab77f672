namespace HftScalper.Engine.Pipeline;

/// <summary>
/// A model source that serves each row by its symbol (per-symbol models): the inference stage hands it the symbol id
/// of every row of the batch beside the rows. A source that does not implement it serves all symbols alike.
/// </summary>
public interface ISymbolModelSource : IDecisionModelSource
{
    /// <summary>
    /// As <see cref="IDecisionModelSource.Predict(ReadOnlySpan{float}, int, Span{float}, int, int)"/>, row i being of symbol <c>symbols[i]</c>. Returns
    /// <see cref="DecisionModelStatus.Ok"/> only when every row was served and every score is finite.
    /// </summary>
    DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<int> symbols, int batch, Span<float> scores, int rowWidth, int scoreWidth);
}
