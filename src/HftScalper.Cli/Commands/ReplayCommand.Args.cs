using HftScalper.Cli.Commands.Replay;
using HftScalper.Simulator;

namespace HftScalper.Cli.Commands;

// What the replay verb was asked, as parsed from its command line (Create) and read by Run and its helpers.
internal static partial class ReplayCommand
{
    private sealed record Args(string[] Files, string? Market, double Speed, double SimMinutes, string? Model, string? ModelsDir, bool NoModel,
        string? Config, string? Report, string? Topology, bool Json, bool Quiet, string? Shadow = null, int? MetricsPort = null, bool Strict = false,
        string? OrdersJournal = null)
    {
        public ulong Seed { get; init; } = SimulatorOptions.Default.Seed;

        public string? Trades { get; init; }
        public string? ReturnModel { get; init; }
        public bool Baselines { get; init; }
        public bool Online { get; init; }
        public string? Serve { get; init; }
        public TimeSpan? ServeFor { get; init; }
        public string? ServeToken { get; init; }
        public double? SwitchAt { get; init; }
        public string? SwitchSymbols { get; init; }
        public string? SimSymbols { get; init; }
        public bool LatentValue { get; init; }
        public AdaptArgs? Adapt { get; init; }
        public string? GateHorizon { get; init; }
        public string? GateThreshold { get; init; }
    }
}
