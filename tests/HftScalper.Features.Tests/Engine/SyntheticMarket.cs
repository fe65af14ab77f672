using HftScalper.Core.Events;

namespace HftScalper.Features.Tests.Engine;

/// <summary>A small random market for engine tests: depth messages (10 levels a side), quotes and trades around a
/// random-walk mid, in exchange time. (Replays of the real simulator and recordings live in the Engine tests.)</summary>
internal static class SyntheticMarket
{
    public static IEnumerable<MarketEvent> Events(int seed, int minutes)
    {
        var rng = new Random(seed);
        long mid = 6_000_000, t = Ev.T0;
        long end = Ev.T0 + minutes * 60 * Ev.Sec;
        while (t < end)
        {
            t += rng.Next(1, 200) * 1_000_000L;
            mid += rng.Next(-2, 3);
            switch (rng.Next(4))
            {
                case 0:
                    for (int i = 0; i < 10; i++) yield return Ev.Level(t, Side.Bid, mid - 1 - i, rng.Next(0, 40), false);
                    for (int i = 0; i < 10; i++) yield return Ev.Level(t, Side.Ask, mid + 1 + i, rng.Next(1, 40), i == 9);
                    break;
                case 1:
                    yield return Ev.Trade(t, mid + (rng.Next(2) == 0 ? 1 : -1), rng.Next(1, 30), rng.Next(2) == 0);
                    break;
                default:
                    yield return Ev.Quote(t, mid - 1, rng.Next(1, 40), mid + 1, rng.Next(1, 40));
                    break;
            }
        }
    }
}
