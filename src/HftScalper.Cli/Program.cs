using HftScalper.Cli;

// `hft`: the HftScalper command line. Each verb lives in Commands/ and is listed in CommandCatalog; CliRunner applies
// the one contract (parse errors, exit codes, --json purity) to all of them.
return await CliRunner.RunAsync(args).ConfigureAwait(false);
