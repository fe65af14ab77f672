namespace HftScalper.Cli;

/// <summary>
/// The exit codes of every <c>hft</c> verb, defined once (the README's table mirrors this class). Scripts can rely on
/// them: a code never changes meaning.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The verb did its job.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug): one generic line on stderr; <c>HFT_DEBUG=1</c> prints the details.</summary>
    public const int InternalError = 1;

    /// <summary>Bad usage or bad input: unknown option, bad choice or value, missing or unreadable file, refused overwrite.</summary>
    public const int Usage = 2;

    /// <summary>The verb ran but its check failed: <c>book-check</c> found gaps, crossed books or mismatches, a model
    /// was refused, <c>--strict</c> saw damaged input, <c>hft run</c>'s venue did not confirm at exit that no order of the run
    /// is open (or an order had no answer).</summary>
    public const int CheckFailed = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT) before the verb finished (128 + SIGINT, the shell convention). A long verb
    /// (replay, train, simulate) still prints what it did before the stop, marked partial.</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (e.g. <c>docker stop</c>, <c>systemctl stop</c> of a one-shot job) before the verb
    /// finished (128 + SIGTERM); like <see cref="Cancelled"/>, a long verb prints its partial summary first.</summary>
    public const int Terminated = 143;
}
