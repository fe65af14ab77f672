using HftScalper.Binance.Orders;

namespace HftScalper.Live;

/// <summary>
/// The USD-M dead-man switch: arms <c>POST /fapi/v1/countdownCancelAll</c> for every traded symbol and re-arms it
/// every <see cref="CountdownHeartbeatOptions.Interval"/>, so if the process dies (or hangs) the exchange cancels its
/// open orders when <see cref="CountdownHeartbeatOptions.CountdownTime"/> elapses.
/// <para>Clean shutdown: cancel all orders first, then <see cref="StopAsync"/> with <c>disarm: true</c>
/// (<c>countdownTime=0</c>). <see cref="DisposeAsync"/> only stops re-arming and leaves the switch armed (a crash
/// path keeps the protection). A failed re-arm is logged and counted and makes <see cref="Healthy"/> false (the
/// gateway's <c>StreamsUp</c> then refuses new orders) until a later re-arm of that symbol succeeds.</para>
/// </summary>
public sealed class CountdownHeartbeat : IAsyncDisposable
{
    private readonly FuturesOrderClient _rest;
    private readonly string[] _symbols;
    private readonly CountdownHeartbeatOptions _options;
    private readonly bool[] _armed;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile bool _running;
    private long _arms, _failures;
    private string? _lastError;

    /// <summary>A heartbeat for <paramref name="symbols"/> (venue names) over USD-M REST (clock synced); nothing is sent
    /// until <see cref="StartAsync"/>.</summary>
    public CountdownHeartbeat(FuturesOrderClient rest, IEnumerable<string> symbols, CountdownHeartbeatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(symbols);
        _rest = rest;
        _symbols = [.. symbols.Distinct(StringComparer.Ordinal)];
        _options = options ?? new CountdownHeartbeatOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CountdownTime, TimeSpan.FromSeconds(1), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Interval, TimeSpan.Zero, nameof(options));
        if (_options.Interval >= _options.CountdownTime)
            throw new ArgumentException("the re-arm interval must be shorter than the countdown", nameof(options));
        _armed = new bool[_symbols.Length];
    }

    /// <summary>True while running and the last arm of every symbol succeeded.</summary>
    public bool Healthy
    {
        get
        {
            if (!_running) return false;
            for (int i = 0; i < _armed.Length; i++)
                if (!Volatile.Read(ref _armed[i])) return false;
            return true;
        }
    }

    /// <summary>Successful arm calls (every symbol, every period).</summary>
    public long Arms => Interlocked.Read(ref _arms);

    /// <summary>Failed arm calls (logged).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The last failure's text, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Arms every symbol once (awaited), then keeps re-arming in the background. Returns <see cref="Healthy"/>.</summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_loop is not null) return Healthy;
        _running = true;
        await ArmAllAsync(_options.CountdownTime, ct).ConfigureAwait(false);
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        return Healthy;
    }

    /// <summary>Stops re-arming; with <paramref name="disarm"/>, sends <c>countdownTime=0</c> for every symbol (call it after
    /// cancel-all on a clean shutdown). Returns false when a disarm call failed (the countdown then still fires, cancelling
    /// any order placed afterwards).</summary>
    public async Task<bool> StopAsync(bool disarm, CancellationToken ct)
    {
        await HaltAsync().ConfigureAwait(false);
        if (!disarm) return true;
        return await ArmAllAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
    }

    /// <summary>Stops re-arming and leaves the switch armed (the exchange cancels the orders when it elapses).</summary>
    public async ValueTask DisposeAsync()
    {
        await HaltAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task HaltAsync()
    {
        _running = false;
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop) await loop.ConfigureAwait(false);
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(Healthy ? _options.Interval : _options.RetryDelay, ct).ConfigureAwait(false);
                await ArmAllAsync(_options.CountdownTime, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private async Task<bool> ArmAllAsync(TimeSpan countdown, CancellationToken ct)
    {
        bool all = true;
        for (int i = 0; i < _symbols.Length; i++)
        {
            string error;
            try
            {
                var r = await _rest.CountdownCancelAllAsync(_symbols[i], countdown, ct).ConfigureAwait(false);
                if (r.IsOk)
                {
                    Interlocked.Increment(ref _arms);
                    if (!Volatile.Read(ref _armed[i]) && countdown > TimeSpan.Zero)
                        _options.Log?.Invoke($"countdown heartbeat: {_symbols[i]} armed ({countdown.TotalSeconds:F0} s)");
                    Volatile.Write(ref _armed[i], countdown > TimeSpan.Zero);
                    continue;
                }
                if (ct.IsCancellationRequested) return false; // stopping: not a failure of the switch
                error = r.ToString();
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            all = false;
            Interlocked.Increment(ref _failures);
            Volatile.Write(ref _armed[i], false);
            Volatile.Write(ref _lastError, $"{_symbols[i]}: {error}");
            _options.Log?.Invoke($"countdown heartbeat: {(countdown > TimeSpan.Zero ? "arming" : "disarming")} {_symbols[i]} failed: {error}");
        }
        return all;
    }
}
