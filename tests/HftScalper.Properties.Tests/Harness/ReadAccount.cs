namespace HftScalper.Properties.Tests.Harness;

/// <summary>
/// Where every input byte of a read went, as a reader's own counters tell it: parsed (returned as records or
/// frames, headers included), skipped and counted as damage, or not accounted for at all. The invariant of issue #13
/// is <c>Parsed + Skipped == Input</c> (<see cref="Uncounted"/> == 0); <see cref="Accounts"/> builds one per reader.
/// </summary>
/// <param name="Input">Bytes of input (decompressed for compressed text).</param>
/// <param name="Parsed">Bytes that ended in a returned record, frame or line, or in a header that was read.</param>
/// <param name="Skipped">Bytes the reader skipped and counted.</param>
/// <param name="SkippedRecords">Records, lines or segments the reader skipped and counted.</param>
internal readonly record struct ReadAccount(long Input, long Parsed, long Skipped, long SkippedRecords)
{
    /// <summary>Bytes neither parsed nor counted as skipped (the reader lost them silently).</summary>
    public long Uncounted => Input - Parsed - Skipped;

    /// <inheritdoc />
    public override string ToString() =>
        $"input={Input} parsed={Parsed} skipped={Skipped} uncounted={Uncounted} skippedRecords={SkippedRecords}";
}
