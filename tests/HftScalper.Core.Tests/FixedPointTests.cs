using HftScalper.Core.Numerics;
using HftScalper.Tests.Shared;

namespace HftScalper.Core.Tests;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData("61837.64000000", 2, 6183764L)]
    [InlineData("0.00012000", 5, 12L)]
    [InlineData("0.00000000", 8, 0L)]
    [InlineData("12", 3, 12000L)]
    [InlineData("12.", 2, 1200L)]
    [InlineData(".5", 1, 5L)]
    [InlineData("007.50", 2, 750L)]
    [InlineData("92233720368.54775807", 8, long.MaxValue)]
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    public void Parses_decimal_strings_exactly_to_scaled_integers(string text, int decimals, long expected)
    {
        Assert.Equal(FixedPointStatus.Ok, FixedPoint.TryParse(text, decimals, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", FixedPointStatus.Empty)]
    [InlineData(".", FixedPointStatus.BadFormat)]
    [InlineData("1.2.3", FixedPointStatus.BadFormat)]
    [InlineData("1e5", FixedPointStatus.BadFormat)]
    [InlineData(" 1", FixedPointStatus.BadFormat)]
    [InlineData("1,5", FixedPointStatus.BadFormat)]
    [InlineData("+1", FixedPointStatus.BadFormat)]
    [InlineData("NaN", FixedPointStatus.BadFormat)]
    [InlineData("-1.00", FixedPointStatus.Negative)]
    [InlineData("9223372036854775808", FixedPointStatus.Overflow)]
    [InlineData("92233720368.54775808", FixedPointStatus.Overflow)]
    [InlineData("99999999999999999999999999", FixedPointStatus.Overflow)]
    [InlineData("61837.641", FixedPointStatus.OffGrid)]
    [InlineData("0.000000001", FixedPointStatus.OffGrid)]
    public void Rejects_what_it_cannot_represent_exactly(string text, FixedPointStatus expected)
    {
        int decimals = text.StartsWith("61837", StringComparison.Ordinal) ? 2 : text.StartsWith("9223372036854775808", StringComparison.Ordinal) ? 0 : 8;
        Assert.Equal(expected, FixedPoint.TryParse(text, decimals, out long value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void Accepts_negative_values_only_when_asked()
    {
        Assert.Equal(FixedPointStatus.Ok, FixedPoint.TryParse("-9223372036854775808", 0, out long min, allowNegative: true));
        Assert.Equal(long.MinValue, min);
        Assert.Equal(FixedPointStatus.Ok, FixedPoint.TryParse("-0.25", 2, out long v, allowNegative: true));
        Assert.Equal(-25, v);
    }

    [Fact]
    public void Agrees_with_decimal_on_random_inputs_and_round_trips_through_format()
    {
        var rng = new Random(42);
        for (int i = 0; i < 100_000; i++)
        {
            int decimals = rng.Next(0, 10);
            long scaled = rng.NextInt64(0, 1_000_000_000_000_000);
            string text = FixedPoint.Format(scaled, decimals);
            if (decimals > 0 && rng.Next(2) == 0) text += new string('0', rng.Next(0, 6)); // Binance pads with zeros
            Assert.Equal(FixedPointStatus.Ok, FixedPoint.TryParse(text, decimals, out long parsed));
            Assert.Equal(scaled, parsed);
            decimal reference = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * (decimal)Math.Pow(10, decimals);
            Assert.Equal(reference, parsed);
        }
    }

    [Fact]
    public void Parsing_utf8_allocates_nothing()
    {
        byte[] text = "61837.64000000"u8.ToArray();
        FixedPoint.TryParse(text, 2, out _);
        long sum = 0;
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            sum = 0;
            for (int i = 0; i < 10_000; i++)
            {
                FixedPoint.TryParse(text, 2, out long v);
                sum += v;
            }
        }));
        Assert.Equal(6183764L * 10_000, sum);
    }

    [Theory]
    [InlineData(6183764L, 2, "61837.64")]
    [InlineData(-5L, 3, "-0.005")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MinValue, 2, "-92233720368547758.08")]
    public void Formats_scaled_integers(long value, int decimals, string expected)
    {
        Assert.Equal(expected, FixedPoint.Format(value, decimals));
    }
}
