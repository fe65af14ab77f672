using System.Text;
using System.Text.RegularExpressions;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Tests.Execution;

public sealed partial class ClientOrderIdSessionTests
{
    // Binance's rule for newClientOrderId (spot and USD-M).
    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex BinanceClientOrderId();

    private static OrderRequest Buy() => new() { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = 100, QuantityLots = 1 };

    // Creates and completes count orders (slots recycle, serials grow), returning the ids the venue would see.
    private static List<string> SentIds(OrderTracker tracker, int count)
    {
        var ids = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var order = Buy();
            Assert.True(tracker.TryCreate(ref order));
            ids.Add(tracker.Session.Format(order.ClientOrderId));
            tracker.OnExecutionReport(new ExecutionReport { ClientOrderId = order.ClientOrderId, Kind = ExecutionReportKind.Rejected });
        }
        return ids;
    }

    [Fact]
    public void Two_trackers_of_different_sessions_never_send_the_same_id_though_both_count_from_one()
    {
        var startedAt = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000); // two restarts within the same second
        var first = new OrderTracker(capacity: 4, session: ClientOrderIdSession.NewLive(startedAt));
        var second = new OrderTracker(capacity: 4, session: ClientOrderIdSession.NewLive(startedAt));

        var a = SentIds(first, 3_000);
        var b = SentIds(second, 3_000);

        Assert.NotEqual(first.Session.Prefix, second.Session.Prefix);
        Assert.Equal(a.Select(id => id[(id.IndexOf('-') + 1)..]), b.Select(id => id[(id.IndexOf('-') + 1)..])); // same serials...
        Assert.Empty(a.Intersect(b));                                                                            // ...never the same id
        Assert.Equal(6_000, a.Concat(b).Distinct().Count());
        Assert.All(a.Concat(b), id => Assert.Matches(BinanceClientOrderId(), id));
    }

    [Fact]
    public void The_longest_prefix_with_the_largest_id_still_fits_binance_rule()
    {
        var session = new ClientOrderIdSession(new string('z', ClientOrderIdSession.MaxPrefixLength));
        var id = new ClientOrderId(-1); // 16 hex digits, the longest

        string text = session.Format(id);
        Span<byte> utf8 = stackalloc byte[ClientOrderIdSession.MaxIdLength];
        Assert.True(session.TryFormat(id, utf8, out int written));

        Assert.Equal(36, text.Length); // 19 + '-' + 16 hex digits
        Assert.Matches(BinanceClientOrderId(), text);
        Assert.Equal(text, Encoding.ASCII.GetString(utf8[..written]));
        Assert.Matches(BinanceClientOrderId(), ClientOrderIdSession.NewLive(DateTimeOffset.MaxValue).Format(new ClientOrderId(-1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghij0123456789")] // 20 characters
    [InlineData("run-1")]                // the separator
    [InlineData("run.1")]
    [InlineData("rün")]
    public void A_prefix_that_could_break_the_rule_or_the_separator_is_refused(string prefix)
    {
        Assert.False(ClientOrderIdSession.IsValidPrefix(prefix));
        Assert.Throws<ArgumentException>(() => new ClientOrderIdSession(prefix));
    }

    [Fact]
    public void A_session_reads_back_its_own_ids_and_not_another_sessions()
    {
        var ours = new ClientOrderIdSession("run_7");
        var previous = new ClientOrderIdSession("run_6");
        var id = new ClientOrderId((42L << 20) | 3);

        Assert.True(ours.TryParse(ours.Format(id), out var back));
        Assert.Equal(id, back);
        Assert.False(ours.TryParse(previous.Format(id), out _));
        Assert.False(ours.TryParse("run_7-", out _));
        Assert.False(ours.TryParse("run_7-0", out _));
        Assert.False(ours.TryParse("run_7-0002a00003", out _)); // not the spelling we send
        Assert.False(ours.TryParse("run_7-xyz", out _));
        Assert.False(ours.TryParse("run_70-2a00003", out _));
    }

    [Fact]
    public void Replay_ids_are_the_same_every_run()
    {
        var a = SentIds(new OrderTracker(capacity: 2), 10);
        var b = SentIds(new OrderTracker(capacity: 2), 10);

        Assert.Equal(a, b);
        Assert.StartsWith("replay-", a[0], StringComparison.Ordinal);
    }
}
