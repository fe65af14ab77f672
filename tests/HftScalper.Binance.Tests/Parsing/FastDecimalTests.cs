using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.Tests.Parsing;

public sealed class FastDecimalTests
{
    [Theory]
    [InlineData("61837.64000000", 2)]
    [InlineData("0.00000000", 8)]
    [InlineData("1.", 2)]
    [InlineData(".5", 2)]
    [InlineData("1.001", 2)]
    [InlineData("-1.00", 2)]
    [InlineData("1e5", 2)]
    [InlineData("9223372036854775807", 0)]
    [InlineData("9223372036854775808", 0)]
    [InlineData("99999999999.12345678", 8)]
    [InlineData("0000000000000000000001.5", 1)]
    [InlineData("", 2)]
    public void Matches_FixedPoint_on_edge_cases(string text, int decimals) => AssertSame(text, decimals);

    [Fact]
    public void Matches_FixedPoint_on_random_inputs()
    {
        var rng = new Random(7);
        const string alphabet = "0123456789000000.-e ";
        for (int n = 0; n < 200_000; n++)
        {
            int len = rng.Next(0, 26);
            var sb = new StringBuilder(len);
            bool plain = rng.Next(2) == 0;
            for (int i = 0; i < len; i++) sb.Append(plain ? (char)('0' + rng.Next(10)) : alphabet[rng.Next(alphabet.Length)]);
            if (plain && len > 2) sb[rng.Next(len)] = '.';
            AssertSame(sb.ToString(), rng.Next(0, 19));
        }
    }

    private static void AssertSame(string text, int decimals)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var expected = FixedPoint.TryParse(bytes, decimals, out long expectedValue);
        var actual = FastDecimal.TryParse(bytes, decimals, out long actualValue);
        Assert.True(expected == actual && expectedValue == actualValue,
            $"'{text}' at {decimals}: FixedPoint {expected} {expectedValue}, fast {actual} {actualValue}");
    }
}
