using System.CommandLine;
using HftScalper.Cli;

// `hft`: the HftScalper command line. Each verb lives in Commands/ and is listed in CommandCatalog.
var root = CommandCatalog.BuildRoot();
var parse = root.Parse(args);
return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false })
    .ContinueWith(t => CliErrors.Handle(t), TaskScheduler.Default).ConfigureAwait(false);
