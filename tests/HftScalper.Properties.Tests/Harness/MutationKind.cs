namespace HftScalper.Properties.Tests.Harness;

/// <summary>What one <see cref="Mutation"/> does to a byte string.</summary>
internal enum MutationKind : byte
{
    FlipBit,
    SetByte,
    Truncate,
    Duplicate,
    Delete,
    InsertToken,
    InsertRandom,
    SwapSlices,
}
