using HftScalper.Dashboard.Hosting;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Run;

/// <summary>The dashboard's halt / flatten / resume for <c>hft run</c>: posted to the pipeline's
/// <see cref="OperatorMailbox"/>, applied by the strategy thread before its next decision.</summary>
internal sealed class OperatorControls(OperatorMailbox mailbox) : IDashboardControls
{
    /// <inheritdoc />
    public string Apply(string action)
    {
        var a = action switch
        {
            "halt" => OperatorAction.Halt,
            "flatten" => OperatorAction.Flatten,
            "resume" => OperatorAction.Resume,
            _ => throw new ArgumentException($"unknown action '{action}': halt, flatten or resume"),
        };
        mailbox.Post(a);
        return $"{action} requested: applied before the next decision";
    }
}
