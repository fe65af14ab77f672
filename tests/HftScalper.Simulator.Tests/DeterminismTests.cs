using System.Security.Cryptography;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Simulator.Tests;

public sealed class DeterminismTests
{
    private static byte[] Generate(ulong seed, string symbols = "btcusdt", double minutes = 0.5, Model.LatentValue? value = null)
    {
        using var source = new MarketSimulatorSource(SimulatorOptions.For(symbols, TimeSpan.FromMinutes(minutes), seed) with { LatentValue = value });
        using var ms = new MemoryStream();
        RawLineFile.WriteAll(source, ms);
        return ms.ToArray();
    }

    [Fact]
    public void Same_seed_gives_identical_bytes()
    {
        var a = Generate(7, "btcusdt,ethusdt");
        var b = Generate(7, "btcusdt,ethusdt");

        Assert.True(a.Length > 100_000);
        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
    }

    [Fact]
    public void Training_mix_with_quiet_books_is_deterministic_and_prices_stay_positive()
    {
        byte[] Mix()
        {
            using var source = new MarketSimulatorSource(SimulatorOptions.Training with { Duration = TimeSpan.FromMinutes(0.5), Seed = 3 });
            using var ms = new MemoryStream();
            RawLineFile.WriteAll(source, ms);
            return ms.ToArray();
        }

        var a = Mix();
        var b = Mix();
        string text = System.Text.Encoding.UTF8.GetString(a);

        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
        foreach (var alt in Model.SymbolProfile.QuietAlts) Assert.Contains(alt.Symbol.ToLowerInvariant() + "@bookTicker", text, StringComparison.Ordinal);
        // A quiet book's price is small in ticks: its deepest orders must never reach zero or below.
        Assert.DoesNotContain("[\"-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[\"0.00000000\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_low_priced_busy_book_never_writes_a_price_at_or_below_zero()
    {
        // BTCUSDT's flow at 50.00 (5,000 ticks): its dust rests up to 30,000 ticks deep, far below zero. Those orders
        // were written as "0.-58000000" (frames the engine rejected); a level at or below zero is now never placed.
        var low = new Model.SymbolProfile("LOWUSDT", 5_000);
        using var source = new MarketSimulatorSource(new SimulatorOptions { Symbols = [low], Duration = TimeSpan.FromMinutes(0.5), Seed = 5 });
        using var ms = new MemoryStream();
        RawLineFile.WriteAll(source, ms);
        string text = System.Text.Encoding.UTF8.GetString(ms.ToArray());

        Assert.Contains("lowusdt@depth", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[\"0.00\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[\"0.00000000\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_seed_gives_different_bytes()
    {
        var a = Generate(7);
        var b = Generate(8);

        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(b));
    }

    [Fact]
    public void Prng_stream_is_fixed_for_a_seed()
    {
        // xoshiro256** seeded by SplitMix64: pinned values so a change of algorithm (and of every output) is caught.
        var r = new Model.Xoshiro256StarStar(0);
        var first = new[] { r.NextUInt64(), r.NextUInt64(), r.NextUInt64() };
        var again = new Model.Xoshiro256StarStar(0);

        Assert.Equal(first, new[] { again.NextUInt64(), again.NextUInt64(), again.NextUInt64() });
        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(0x99EC5F36CB75F2B4UL, first[0]);
    }

    [Fact]
    public void Latent_value_is_deterministic_and_changes_the_market()
    {
        var a = Generate(7, "btcusdt,ethusdt", value: Model.LatentValue.Calibrated);
        var b = Generate(7, "btcusdt,ethusdt", value: Model.LatentValue.Calibrated);
        var off = Generate(7, "btcusdt,ethusdt");

        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(off));
    }

    [Fact]
    public void Without_the_latent_value_the_bytes_are_those_of_the_simulator_before_it()
    {
        // SHA-256 of `hft simulate --seed 7 --minutes 0.5 --symbols btcusdt` built from main before the option existed
        // (commit cbf1879): the option off draws nothing more and changes no event.
        var bytes = Generate(7);

        Assert.Equal(BeforeLatentValueSha256, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    private const string BeforeLatentValueSha256 = "2D4B4D114C9D57BDB2C12FB22FE484D9E36010C3D09E94AF994EAF2C8564311E";
}
