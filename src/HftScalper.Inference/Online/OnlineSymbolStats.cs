using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Online;

/// <summary>One symbol's own online layer against the shared one, on that symbol's decisions since its warm start.</summary>
/// <param name="SymbolId">The symbol.</param>
/// <param name="WarmStartSamples">Samples the shared layer had learnt when this layer was copied from it (transfer).</param>
/// <param name="OwnSamples">The symbol's own labels learnt since.</param>
/// <param name="Shared">The shared layer's outcomes on the symbol's decisions.</param>
/// <param name="Own">The symbol's layer's outcomes on the same decisions.</param>
/// <param name="AccuracyTest">Paired accuracy test, own minus shared (positive = own better).</param>
/// <param name="LogLossTest">Paired log-loss test, shared loss minus own loss (positive = own better).</param>
/// <param name="Graduated">True once the own layer serves the symbol.</param>
/// <param name="GraduatedAtOutcome">The symbol's resolved outcome at which it graduated (-1 = not).</param>
/// <param name="GraduatedAtNs">Exchange time of the decision whose outcome graduated it, ns (0 = not).</param>
public sealed record OnlineSymbolStats(int SymbolId, long WarmStartSamples, long OwnSamples, OutcomeTally Shared, OutcomeTally Own,
    PairedTestResult AccuracyTest, PairedTestResult LogLossTest, bool Graduated, long GraduatedAtOutcome, long GraduatedAtNs);
