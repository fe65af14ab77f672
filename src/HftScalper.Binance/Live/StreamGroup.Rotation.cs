using System.Net.WebSockets;

namespace HftScalper.Binance.Live;

// Make-before-break rotation (age limit, serverShutdown, manual request).
internal sealed partial class StreamGroup
{
    private async Task<LiveConnection?> RotateAsync(LiveConnection old, CancellationToken ct)
    {
        Interlocked.Increment(ref _counters.Rotations);
        LiveConnection next;
        try
        {
            next = await ConnectAsync(forwarding: false, ct).ConfigureAwait(false);
            StartReceiving(next, makeCurrent: false);
            await SubscribeRemainingAsync(next, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            Log($"rotation: new connection failed ({e.Message}); keeping connection {old.Id}");
            return null;
        }
        await Task.WhenAny(next.OverlapReady.Task, old.ReceiveTask, next.ReceiveTask, Task.Delay(_options.HandoverTimeout, ct)).ConfigureAwait(false);
        if (next.ReceiveTask.IsCompleted)
        {
            Log($"rotation: new connection {next.Id} broke while warming up; keeping connection {old.Id}");
            await next.CloseQuietlyAsync().ConfigureAwait(false);
            return null;
        }
        if (!next.OverlapReady.Task.IsCompleted) Log("rotation: no overlap before the timeout; switching anyway (the sync resyncs on a gap)");
        Volatile.Write(ref old.HandoverRequested, 1);
        var acked = await Task.WhenAny(old.HandoverAck.Task, Task.Delay(TimeSpan.FromSeconds(2), ct)).ConfigureAwait(false);
        if (acked != old.HandoverAck.Task)
        {
            old.Socket.Abort(); // silent old connection: stop it so its loop can no longer forward
            await old.ReceiveTask.ConfigureAwait(false);
        }
        Promote(next);
        MakeCurrent(next);
        _ = old.CloseQuietlyAsync();
        return next;
    }
}
