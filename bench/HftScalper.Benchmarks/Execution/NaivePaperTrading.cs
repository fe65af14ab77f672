using HftScalper.Core.Events;

namespace HftScalper.Benchmarks.Execution;

/// <summary>
/// The baseline: the same decision -> IOC at the touch -> fill -> order status -> ledger loop written the
/// everyday way (string client ids, order objects in a Dictionary, LINQ over open orders, decimal money, a List
/// of report objects). It implements only what the workload exercises (IOC at the touch against the top level).
/// </summary>
internal sealed class NaivePaperTrading
{
    private sealed class Order
    {
        public required string Id { get; init; }
        public required int Side { get; init; }
        public required decimal Price { get; init; }
        public required decimal Quantity { get; init; }
        public decimal Filled { get; set; }
        public string Status { get; set; } = "PENDING_NEW";
    }

    private sealed record Report(string Id, string Kind, decimal Price, decimal Quantity, decimal Fee);

    private readonly Dictionary<string, Order> _orders = new();
    private readonly List<Report> _reports = new();
    private decimal _bid, _ask, _position, _cost, _realized, _fees;
    private long _serial;

    public long Fills { get; private set; }

    public decimal Realized => _realized;

    public void OnEvent(in MarketEvent e, long bid, long ask)
    {
        _bid = bid;
        _ask = ask;
        foreach (var o in _orders.Values.Where(o => o.Status == "PENDING_NEW").ToList())
        {
            decimal price = o.Side > 0 ? _ask : _bid;
            if (o.Side > 0 ? price > o.Price : price < o.Price) { o.Status = "CANCELED"; continue; }
            _reports.Add(new Report(o.Id, "NEW", 0, 0, 0));
            decimal fee = Math.Ceiling(price * o.Quantity * 0.001m);
            _reports.Add(new Report(o.Id, "TRADE", price, o.Quantity, fee));
            o.Filled = o.Quantity;
            o.Status = "FILLED";
        }
        foreach (var r in _reports.Where(r => r.Kind == "TRADE"))
        {
            var o = _orders[r.Id];
            Apply(o.Side * r.Quantity, r.Price, r.Fee);
            Fills++;
        }
        _reports.Clear();
        foreach (var id in _orders.Where(kv => kv.Value.Status is "FILLED" or "CANCELED").Select(kv => kv.Key).ToList())
            _orders.Remove(id);
    }

    public void Decide(bool wantLong, long maxLots)
    {
        if (_orders.Values.Any(o => o.Status == "PENDING_NEW")) return;
        decimal target = wantLong ? maxLots : 0;
        decimal delta = target - _position;
        if (delta == 0) return;
        string id = $"ord-{++_serial}";
        _orders[id] = new Order { Id = id, Side = Math.Sign(delta), Price = delta > 0 ? _ask : _bid, Quantity = Math.Abs(delta) };
    }

    private void Apply(decimal signedQty, decimal price, decimal fee)
    {
        if (_position != 0 && Math.Sign(_position) != Math.Sign(signedQty))
        {
            decimal closing = Math.Sign(signedQty) * Math.Min(Math.Abs(signedQty), Math.Abs(_position));
            decimal removed = decimal.Truncate(_cost * -closing / _position);
            _realized += -closing * price - removed;
            _cost -= removed;
            _position += closing;
            signedQty -= closing;
        }
        _cost += signedQty * price;
        _position += signedQty;
        _fees += fee;
    }
}
