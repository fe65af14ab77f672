using System.Globalization;
using System.Text.Json;

namespace HftScalper.Inference.Metadata;

/// <summary>
/// How a sequence model's window is cut from the feature rows (key <c>hft.sequence_window</c>), so serving builds the
/// windows training did: rows are sampled on an exchange-time clock of <see cref="SampleIntervalNs"/> (the first
/// decision at or after each tick), the window ending at a sample row takes every <see cref="Stride"/>-th sample row
/// back (T of them, one per <see cref="CadenceNs"/> while the book is active), and two consecutive sample rows more
/// than <see cref="MaxGapNs"/> apart (or going back in time) cut it: the window restarts after the gap.
/// </summary>
/// <param name="SampleIntervalNs">Sampling clock of the rows, ns of exchange time (0 = every decision).</param>
/// <param name="Stride">Sample rows between consecutive window rows (1 = the last T sample rows).</param>
/// <param name="MaxGapNs">Longest time between consecutive sample rows inside one window.</param>
public sealed record SequenceWindow(long SampleIntervalNs, int Stride, long MaxGapNs)
{
    /// <summary>Exchange time between consecutive window rows on an active book (sample interval x stride).</summary>
    public long CadenceNs => SampleIntervalNs * Stride;

    /// <summary>Sample rows a window of <paramref name="sequenceLength"/> spans, first to last: <c>(T-1)·stride + 1</c>.</summary>
    public int SpanRows(int sequenceLength) => (sequenceLength - 1) * Stride + 1;

    /// <summary>The JSON stored in the metadata (milliseconds).</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"sampleIntervalMs\":{SampleIntervalNs / 1_000_000},\"stride\":{Stride},\"cadenceMs\":{CadenceNs / 1_000_000},\"maxGapMs\":{MaxGapNs / 1_000_000}}}");

    /// <summary>Reads <see cref="ToJson"/>; throws <see cref="FormatException"/> on a missing or out-of-range field.</summary>
    public static SequenceWindow Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        long Field(string name) => doc.RootElement.TryGetProperty(name, out var v) && v.TryGetInt64(out var x) ? x : throw new FormatException($"no integer '{name}'");
        long sample = Field("sampleIntervalMs"), stride = Field("stride"), gap = Field("maxGapMs");
        if (sample < 0 || stride < 1 || stride > 10_000 || gap < 1) throw new FormatException($"sampleIntervalMs {sample}, stride {stride}, maxGapMs {gap} out of range");
        return new SequenceWindow(sample * 1_000_000, (int)stride, gap * 1_000_000);
    }
}
