using System.CommandLine;

namespace HftScalper.Cli;

/// <summary>Builds the root command with every verb. Add a verb here with one line.</summary>
internal static class CommandCatalog
{
    /// <summary>The root <c>hft</c> command (System.CommandLine adds --help and --version).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "HftScalper: low-latency ML-driven crypto scalping engine (Binance), replay, backtest and training.");
        root.Subcommands.Add(Commands.EnvCommand.Create());
        root.Subcommands.Add(Commands.ConvertCommand.Create());
        root.Subcommands.Add(Commands.RecordCommand.Create());
        root.Subcommands.Add(Commands.ReplayCommand.Create());
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.BookCheckCommand.Create());
        root.Subcommands.Add(Commands.SimulateCommand.Create());
        root.Subcommands.Add(Commands.FeaturesCommand.Create());
        root.Subcommands.Add(Commands.ModelsCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.EvaluateCommand.Create());
        root.Subcommands.Add(Commands.JournalCommand.Create());
        root.Subcommands.Add(Commands.CalibrateCommand.Create());
        root.Subcommands.Add(Commands.DataCommand.Create());
        root.Subcommands.Add(Commands.ConfigCommand.Create(BuildRoot));
        Contract.OptionRules.Apply(root);
        Contract.Examples.Apply(root);
        return root;
    }
}
