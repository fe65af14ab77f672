using System.Runtime.CompilerServices;
using HftScalper.Binance.Transport;
using HftScalper.Core.Frames;

namespace HftScalper.Binance.Live;

// The receive path: runs on one connection's receive loop. Steady state (one forwarding connection) allocates
// nothing and takes no lock: sniff, dedupe by id, stamp metrics, hand the frame to the sync.
internal sealed partial class StreamGroup
{
    private void OnMessage(LiveConnection c, ReadOnlyMemory<byte> payload, long localTimeNs)
    {
        c.LastMessageNs = localTimeNs;
        Volatile.Write(ref _counters.LastMessageNs, localTimeNs);
        Volatile.Write(ref _counters.Messages, _counters.Messages + 1);
        if (!Volatile.Read(ref c.Forwarding))
        {
            OnNonForwardingMessage(c, payload, localTimeNs);
            return;
        }
        if (Volatile.Read(ref c.HandoverRequested) != 0)
        {
            Retire(c);
            return;
        }
        _gate.Enter();
        try
        {
            if (!_pendingSnapshots.IsEmpty) DeliverSnapshots(c.Id);
            Forward(c.Id, payload, localTimeNs);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void Forward(int connectionId, ReadOnlyMemory<byte> payload, long localTimeNs)
    {
        var span = payload.Span;
        FrameSniffer.Sniff(span, out var s);
        if (s.Class != FrameClass.Stream)
        {
            OnNonStream(in s, span);
            return;
        }
        if (!_registry.TryGetId(span.Slice(s.SymbolStart, s.SymbolLength), out int sym) || sym > _options.MaxSymbolId)
        {
            Volatile.Write(ref _counters.UnknownSymbol, _counters.UnknownSymbol + 1);
            return;
        }
        var sc = _symbols[sym];
        if (s.HasId && s.Kind != StreamKind.Other)
        {
            ref long last = ref _lastIds[sym * KindCount + (int)s.Kind];
            if (s.Id <= last)
            {
                Volatile.Write(ref sc.Duplicates, sc.Duplicates + 1);
                return;
            }
            Volatile.Write(ref last, s.Id);
        }
        Volatile.Write(ref sc.Messages, sc.Messages + 1);
        Volatile.Write(ref sc.LastMessageNs, localTimeNs);
        if (s.EventTime > 0) RecordLatency(sc, localTimeNs - s.EventTime * _eventTimeToNs);
        _sync.OnMessage(new RawFrame(localTimeNs, FrameOrigin.WebSocket, -1, connectionId, payload), sym);
        if (s.Kind == StreamKind.Depth) AfterDepth(sym, sc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RecordLatency(SymbolFeedCounters sc, long latencyNs)
    {
        Volatile.Write(ref sc.LastLatencyNs, latencyNs);
        Volatile.Write(ref sc.LatencySumNs, sc.LatencySumNs + latencyNs);
        Volatile.Write(ref sc.LatencyCount, sc.LatencyCount + 1);
        if (latencyNs > sc.MaxLatencyNs) Volatile.Write(ref sc.MaxLatencyNs, latencyNs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AfterDepth(int sym, SymbolFeedCounters sc)
    {
        var state = _sync.GetState(sym);
        if ((int)state != sc.State) StateChanged(sym, sc, state);
        if (state == LiveSyncState.NeedsSnapshot && Volatile.Read(ref _fetchInFlight[sym]) == 0) StartSnapshot(sym, sc);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StateChanged(int sym, SymbolFeedCounters sc, LiveSyncState state)
    {
        // Leaving Synced for anything else outside a reconnect (which resets State itself) is a gap.
        if (sc.State == (int)LiveSyncState.Synced)
        {
            Interlocked.Increment(ref sc.Gaps);
            Log($"{_registry[sym].Name}: book lost continuity ({state}); resyncing");
        }
        Volatile.Write(ref sc.State, (int)state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DeliverSnapshots(int connectionId)
    {
        while (_pendingSnapshots.TryDequeue(out var p))
        {
            Volatile.Write(ref _fetchInFlight[p.SymbolId], 0);
            if (p.Epoch != Volatile.Read(ref _epoch)) continue; // fetched for a connection that has since broken
            _sync.OnSnapshot(new RawFrame(p.Result.LocalTimeNs, FrameOrigin.RestSnapshot, p.SymbolId, connectionId, p.Result.Body));
            AfterDepth(p.SymbolId, _symbols[p.SymbolId]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnNonStream(in SniffedFrame s, ReadOnlySpan<byte> span)
    {
        switch (s.Class)
        {
            case FrameClass.ControlResponse:
                Interlocked.Increment(ref _counters.ControlResponses);
                if (_pendingControl.TryRemove(s.Id, out var tcs)) tcs.TrySetResult();
                break;
            case FrameClass.ServerShutdown:
                Interlocked.Increment(ref _counters.ServerShutdowns);
                Log("serverShutdown received: rotating the connection (make-before-break)");
                RequestRotation();
                break;
            default:
                long n = Interlocked.Increment(ref _counters.Malformed);
                if (n <= 10 || n % 1000 == 0)
                    Log($"malformed or unroutable message #{n} dropped ({span.Length} bytes): {Preview(span)}");
                break;
        }
    }

    private static string Preview(ReadOnlySpan<byte> span)
    {
        var head = span[..Math.Min(span.Length, 80)];
        var chars = new char[head.Length];
        for (int i = 0; i < head.Length; i++) chars[i] = head[i] is >= 32 and < 127 ? (char)head[i] : '?';
        return new string(chars);
    }

    // A successor still warming up (copies messages aside), or a retired predecessor (ignores them). Runs under
    // the gate so a promotion by the supervisor cannot interleave with it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnNonForwardingMessage(LiveConnection c, ReadOnlyMemory<byte> payload, long localTimeNs)
    {
        if (c.Retired) return;
        _gate.Enter();
        try
        {
            if (Volatile.Read(ref c.Forwarding))
            {
                // Promoted since the check outside the gate.
                if (!_pendingSnapshots.IsEmpty) DeliverSnapshots(c.Id);
                Forward(c.Id, payload, localTimeNs);
                return;
            }
            c.AddShadow(payload.Span, localTimeNs);
        }
        finally
        {
            _gate.Exit();
        }
        Interlocked.Increment(ref _counters.HandoverBuffered);
        FrameSniffer.Sniff(payload.Span, out var s);
        if (s.Class == FrameClass.ServerShutdown) return; // the rotation under way already answers it
        if (s.Class == FrameClass.Stream && s.Kind == StreamKind.Depth
            && _registry.TryGetId(payload.Span.Slice(s.SymbolStart, s.SymbolLength), out int sym)
            && sym <= _options.MaxSymbolId && c.ShadowFirstDepthId![sym] == 0)
        {
            c.ShadowFirstDepthId[sym] = Math.Max(1, s.FirstId > 0 ? s.FirstId : s.Id);
        }
        if (Overlaps(c) || c.Shadow.Count >= MaxShadowMessages) c.OverlapReady.TrySetResult();
    }

    // The successor overlaps when, for every depth symbol, its first diff follows on from what was forwarded.
    private bool Overlaps(LiveConnection c)
    {
        var firsts = c.ShadowFirstDepthId!;
        foreach (int sym in _symbolIds)
        {
            long first = firsts[sym];
            if (first == 0) return false;
            if (Volatile.Read(ref _lastIds[sym * KindCount + (int)StreamKind.Depth]) < first - 1) return false;
        }
        return true;
    }

    // Called by the supervisor once the predecessor stopped forwarding: replays the copies (duplicates of what the
    // predecessor forwarded drop out by update id) and makes the successor the forwarder.
    private void Promote(LiveConnection c)
    {
        int replayed;
        _gate.Enter();
        try
        {
            replayed = c.Shadow.Count;
            foreach (var (buffer, length, ts) in c.Shadow) Forward(c.Id, buffer.AsMemory(0, length), ts);
            c.ReleaseShadow();
            Volatile.Write(ref c.Forwarding, true);
            if (!_pendingSnapshots.IsEmpty) DeliverSnapshots(c.Id);
        }
        finally
        {
            _gate.Exit();
        }
        Log($"connection {c.Id} took over after replaying {replayed} buffered messages");
    }

    // Hands a snapshot that arrived while the stream is quiet to the sync at once (the loop would otherwise wait
    // for the next message).
    private void DeliverSnapshotsNow()
    {
        var c = _current;
        _gate.Enter();
        try
        {
            DeliverSnapshots(c?.Id ?? 0);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private static void Retire(LiveConnection c)
    {
        c.Forwarding = false;
        c.Retired = true;
        c.HandoverAck.TrySetResult();
    }
}
