using System.Globalization;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.FakeExchange;

/// <summary>
/// The process's command line:
/// <c>--port N</c> (0: free port) <c>--market spot|usdm|coinm</c> <c>--symbols btcusdt,ethusdt</c> <c>--seed N</c>
/// <c>--tick-ms N</c> <c>--recording a.gz,b.gz</c> (replay instead of the generator)
/// <c>--api-key K --hmac-secret S</c> and/or <c>--api-key K --ed25519-public-key FILE.pem</c> (repeatable: each
/// <c>--api-key</c> starts a key) <c>--balances BTC=1,USDT=100000</c> <c>--maker-fee R --taker-fee R</c>
/// <c>--fault NAME=PROBABILITY</c> (repeatable) <c>--fault-next NAME[:COUNT]</c> (repeatable) <c>--delayed-ack-ms N</c> <c>--arrival-delay-ms N</c>
/// <c>--orders-per-10s N</c> <c>--weight-per-minute N</c>. Fault names are <see cref="OrderFault"/> values, any case.
/// </summary>
public static class FakeExchangeCommandLine
{
    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
    public static (FakeExchangeOptions Options, int Port, IReadOnlyList<(OrderFault Fault, int Count)> NextFaults) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new FakeExchangeOptions();
        int port = 0;
        var keys = new List<FakeApiKey>();
        var probabilities = new Dictionary<OrderFault, double>();
        var next = new List<(OrderFault, int)>();
        bool feesSet = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--port": port = Int(Value(), name); break;
                case "--market":
                    string m = Value();
                    o = m switch
                    {
                        "spot" => o with { Futures = false, CoinM = false },
                        "usdm" => o with { Futures = true, CoinM = false },
                        "coinm" => o with { Futures = true, CoinM = true },
                        _ => throw new ArgumentException($"--market must be spot, usdm or coinm, not '{m}'"),
                    };
                    break;
                case "--symbols": o = o with { Symbols = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant())] }; break;
                case "--seed": o = o with { Seed = Int(Value(), name) }; break;
                case "--tick-ms": o = o with { TickInterval = TimeSpan.FromMilliseconds(Int(Value(), name)) }; break;
                case "--recording": o = o with { Recording = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) }; break;
                case "--api-key": keys.Add(new FakeApiKey { ApiKey = Value() }); break;
                case "--hmac-secret": keys[^1] = LastKey(keys, name) with { HmacSecret = Value() }; break;
                case "--ed25519-public-key": keys[^1] = LastKey(keys, name) with { Ed25519PublicKeyPem = File.ReadAllText(Value()) }; break;
                case "--balances":
                    o = o with { StartingBalances = Value().Split(',').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0].ToUpperInvariant(), kv => decimal.Parse(kv[1], CultureInfo.InvariantCulture)) };
                    break;
                case "--maker-fee": o = o with { MakerFee = decimal.Parse(Value(), CultureInfo.InvariantCulture) }; feesSet = true; break;
                case "--taker-fee": o = o with { TakerFee = decimal.Parse(Value(), CultureInfo.InvariantCulture) }; feesSet = true; break;
                case "--fault":
                    var parts = Value().Split('=');
                    if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double pr) || pr is < 0 or > 1)
                        throw new ArgumentException("--fault takes NAME=PROBABILITY (0..1)");
                    probabilities[Fault(parts[0])] = pr;
                    break;
                case "--fault-next":
                    var nc = Value().Split(':');
                    next.Add((Fault(nc[0]), nc.Length > 1 ? Int(nc[1], name) : 1));
                    break;
                case "--delayed-ack-ms": o = o with { DelayedAck = TimeSpan.FromMilliseconds(Int(Value(), name)) }; break;
                case "--arrival-delay-ms": o = o with { ArrivalDelay = TimeSpan.FromMilliseconds(Int(Value(), name)) }; break;
                case "--orders-per-10s": o = o with { OrderLimitPer10Seconds = Int(Value(), name) }; break;
                case "--weight-per-minute": o = o with { WeightLimitPerMinute = Int(Value(), name) }; break;
                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }
        if (o.Futures && !feesSet) o = o with { MakerFee = 0.0002m, TakerFee = 0.0005m };
        if (o.Futures && !o.CoinM && !o.StartingBalances.ContainsKey("USDT")) o = o with { StartingBalances = new Dictionary<string, decimal> { ["USDT"] = 10_000m } };
        return (o with { ApiKeys = keys, FaultProbabilities = probabilities }, port, next);
    }

    /// <summary>The JSON line the process prints: the bases for <c>hft run --url/--ws-api/--rest</c>.</summary>
    public static string UrlsJson(FakeBinanceExchange fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        int port = fake.BaseUri.Port;
        string wsApi = !fake.Options.Futures ? "/ws-api/v3" : fake.Options.CoinM ? "/ws-dapi/v1" : "/ws-fapi/v1";
        return $"{{\"ws\":\"ws://127.0.0.1:{port}\",\"wsApi\":\"ws://127.0.0.1:{port}{wsApi}\",\"rest\":\"http://127.0.0.1:{port}\"}}";
    }

    private static FakeApiKey LastKey(List<FakeApiKey> keys, string option) =>
        keys.Count > 0 ? keys[^1] : throw new ArgumentException($"{option} must follow --api-key");

    private static int Int(string v, string option) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n : throw new ArgumentException($"{option} takes a non-negative integer, not '{v}'");

    private static OrderFault Fault(string name) =>
        Enum.TryParse<OrderFault>(name, ignoreCase: true, out var f) && f != OrderFault.None ? f
            : throw new ArgumentException($"unknown fault '{name}' (one of {string.Join(", ", Enum.GetNames<OrderFault>().Skip(1))})");
}
