using System.Runtime.InteropServices;
using HftScalper.FakeExchange;

// `dotnet run -c Release --project tests/HftScalper.FakeExchange -- --port 0 [options]`: starts the fake exchange,
// prints one JSON line {"ws","wsApi","rest"} on stdout, runs until SIGTERM or Ctrl+C, then stops cleanly (exit 0).
try
{
    var (options, port, nextFaults) = FakeExchangeCommandLine.Parse(args);
    await using var fake = await FakeBinanceExchange.StartAsync(options, port).ConfigureAwait(false);
    foreach (var (fault, count) in nextFaults) fake.InjectOrderFault(fault, count);
    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void OnSignal(PosixSignalContext ctx)
    {
        ctx.Cancel = true;
        stop.TrySetResult();
    }
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    Console.Out.WriteLine(FakeExchangeCommandLine.UrlsJson(fake));
    Console.Out.Flush();
    await stop.Task.ConfigureAwait(false);
    Console.Error.WriteLine("fake exchange: stopping");
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"fake exchange: {e.Message}");
    return 2;
}
