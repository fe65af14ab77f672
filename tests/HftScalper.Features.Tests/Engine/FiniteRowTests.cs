using HftScalper.Features.Engine;
using Xunit;

namespace HftScalper.Features.Tests.Engine;

/// <summary>The vector check of a feature row says what <see cref="float.IsFinite"/> says of every value.</summary>
public class FiniteRowTests
{
    [Fact]
    public void A_non_finite_value_is_found_at_every_position_of_rows_of_every_length()
    {
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_0001), BitConverter.Int32BitsToSingle(unchecked((int)0xFF80_0001))];
        for (int length = 0; length <= 70; length++)
        {
            var row = new float[length];
            for (int i = 0; i < length; i++) row[i] = i % 3 == 0 ? float.MaxValue : i % 3 == 1 ? -float.Epsilon : -0f;
            Assert.True(FiniteRow.All(row));
            for (int at = 0; at < length; at++)
                foreach (float b in bad)
                {
                    float keep = row[at];
                    row[at] = b;
                    Assert.False(FiniteRow.All(row), $"length {length}, value {b} at {at}");
                    Assert.False(FiniteRow.All(row.AsSpan(0, at + 1)));
                    Assert.True(FiniteRow.All(row.AsSpan(0, at)));
                    row[at] = keep;
                }
        }
    }

    [Fact]
    public void Random_rows_agree_with_IsFinite()
    {
        var rng = new Random(3);
        for (int round = 0; round < 5000; round++)
        {
            var row = new float[rng.Next(1, 120)];
            for (int i = 0; i < row.Length; i++) row[i] = BitConverter.Int32BitsToSingle(rng.Next(20) == 0 ? rng.Next() | 0x7F80_0000 : rng.Next());
            Assert.Equal(row.All(float.IsFinite), FiniteRow.All(row));
        }
    }
}
