namespace HftScalper.Training.WarmStart;

/// <summary>One head's fine-tune: how many rows it saw, the trees it added, and its early-stopping log-loss before and after.</summary>
/// <param name="Head">move / upGivenMove (two-stage) or down / flat / up (one-vs-rest).</param>
/// <param name="Rows">Fitting rows.</param>
/// <param name="ValidRows">Early-stopping rows (0: none, every round is kept).</param>
/// <param name="Trees">Trees added (the best round; 0 = the base head unchanged).</param>
/// <param name="BaseLogLoss">Binary log-loss of the base head on the early-stopping rows (NaN without them).</param>
/// <param name="LogLoss">The same after the added trees.</param>
public sealed record WarmStartHead(string Head, int Rows, int ValidRows, int Trees, double BaseLogLoss, double LogLoss);
