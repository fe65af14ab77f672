using HftScalper.Binance.Live;

namespace HftScalper.Cli.Commands.Run;

/// <summary>Parsed arguments of <c>hft run</c> (the live-order options are init properties: paper mode ignores them).</summary>
/// <param name="Symbols">Symbols to trade.</param>
/// <param name="Market">Spot or USD-M futures.</param>
/// <param name="StreamBase">WebSocket base override.</param>
/// <param name="RestBase">REST base override.</param>
/// <param name="Model">Explicit model path (null: the bundled one).</param>
/// <param name="NoModel">Fallback signal only.</param>
/// <param name="Duration">Stop after this long (null: until cancelled).</param>
/// <param name="MetricsPort">Serve Prometheus metrics on this port (null: none).</param>
/// <param name="Json">Print one JSON object at the end.</param>
/// <param name="Quiet">Warnings only.</param>
/// <param name="Journal">Order journal folder (null: none).</param>
/// <param name="JournalFsync">fsync the order journal on each flush.</param>
public sealed record RunCommandArgs(IReadOnlyList<string> Symbols, BinanceMarket Market, Uri? StreamBase, Uri? RestBase, string? Model,
    bool NoModel, TimeSpan? Duration, int? MetricsPort, bool Json, bool Quiet, string? Journal = null, bool JournalFsync = false)
{
    /// <summary>Where orders go (default paper).</summary>
    public RunMode Mode { get; init; } = RunMode.Paper;

    /// <summary>WebSocket API endpoint override (testnet/live).</summary>
    public Uri? WsApiBase { get; init; }

    /// <summary>Mainnet confirmed (<c>--confirm-live</c>).</summary>
    public bool ConfirmLive { get; init; }

    /// <summary>Close positions with market orders at exit, after the cancel-all (<c>--flatten-on-exit</c>).</summary>
    public bool FlattenOnExit { get; init; }

    /// <summary>Periodic reconciliation interval (null: 30 s).</summary>
    public TimeSpan? ReconcileInterval { get; init; }

    /// <summary>Dashboard endpoint <c>[ADDRESS:]PORT</c> (<c>--serve</c>; null: <c>127.0.0.1:8321</c>; "off": none).</summary>
    public string? Serve { get; init; }

    /// <summary>Dashboard token (<c>--serve-token</c>; null: $HFT_DASHBOARD_TOKEN or a random one).</summary>
    public string? ServeToken { get; init; }

    /// <summary>The adaptation loop's settings (<c>--adapt</c>; null: off).</summary>
    internal Replay.AdaptArgs? Adapt { get; init; }

    /// <summary>The <c>--config</c> file's settings (null: none), applied over the market's defaults by the runner.</summary>
    internal Replay.RunConfig? Config { get; init; }

    /// <summary>Where the served model's baseline gate judges (<c>--gate-horizon</c>, <c>--gate-threshold</c>; null: the model's own horizon).</summary>
    internal GateJudging? Gate { get; init; }

    /// <summary>What reconciliation does with unknown open orders at the venue.</summary>
    public Live.UnknownOrderPolicy UnknownOrders { get; init; } = Live.UnknownOrderPolicy.Cancel;
}
