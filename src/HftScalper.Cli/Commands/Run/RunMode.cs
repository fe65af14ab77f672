namespace HftScalper.Cli.Commands.Run;

/// <summary>Where <c>hft run</c>'s orders go.</summary>
public enum RunMode
{
    /// <summary>The paper venue (simulated fills on the live feed; no keys).</summary>
    Paper = 0,

    /// <summary>Binance's spot testnet (keys of the testnet).</summary>
    Testnet = 1,

    /// <summary>Binance mainnet: real money (needs --confirm-live and keys).</summary>
    Live = 2,
}
