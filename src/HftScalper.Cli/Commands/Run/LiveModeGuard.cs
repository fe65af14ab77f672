using HftScalper.Binance.Auth;

namespace HftScalper.Cli.Commands.Run;

/// <summary>The checks a testnet or live run passes before any connection opens (each refusal: exit 2, one line).</summary>
internal static class LiveModeGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> when the mode may not start: mainnet without
    /// <c>--confirm-live</c>, or keys missing (spot and USD-M alike).</summary>
    public static void Check(RunMode mode, bool confirmLive)
    {
        if (mode == RunMode.Paper) return;
        if (mode == RunMode.Live && !confirmLive)
            throw new ArgumentException("--mode live sends real orders to Binance mainnet: add --confirm-live to proceed (or use --mode testnet)");
        var keys = BinanceKeySource.FromEnvironment();
        if (!keys.IsComplete)
            throw new ArgumentException($"--mode {Name(mode)} needs keys: set {BinanceKeySource.ApiKeyVariable} and {BinanceKeySource.PrivateKeyFileVariable} "
                + $"(Ed25519 PEM, mode 600) or {BinanceKeySource.ApiSecretVariable} (HMAC)");
    }

    /// <summary>The mode as the command line spells it.</summary>
    public static string Name(RunMode mode) => mode switch { RunMode.Testnet => "testnet", RunMode.Live => "live", _ => "paper" };
}
