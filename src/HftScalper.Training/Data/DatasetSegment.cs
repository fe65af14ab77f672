namespace HftScalper.Training.Data;

/// <summary>
/// One symbol of one input of a <see cref="ReplayDataset"/>: its own decision path (labels never read another
/// symbol's or another recording's mid) and samples. <see cref="OffsetNs"/> lays the segment after the one before it
/// on the dataset's time axis (see <see cref="ReplayDataset.Samples"/>); zero when it already follows it.
/// </summary>
/// <param name="Input">The replay it came from.</param>
/// <param name="Symbol">The symbol followed.</param>
/// <param name="SymbolId">Registry id of <paramref name="Symbol"/> in that replay.</param>
/// <param name="Builder">The collected samples and decision path (exchange time as recorded).</param>
public sealed record DatasetSegment(DatasetInput? Input, string Symbol, int SymbolId, DatasetBuilder Builder)
{
    /// <summary>Added to the segment's times on the dataset's axis.</summary>
    public long OffsetNs { get; internal set; }

    /// <summary>Where the segment starts on the dataset's axis (its first decision, shifted).</summary>
    public long StartNs => Builder.Decisions.Count == 0 ? 0 : Builder.Decisions.TimesNs[0] + OffsetNs;

    /// <summary>Where the segment ends on the dataset's axis (its last decision, shifted).</summary>
    public long EndNs => Builder.Decisions.Count == 0 ? 0 : Builder.Decisions.TimesNs[^1] + OffsetNs;
}
