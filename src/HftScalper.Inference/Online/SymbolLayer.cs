using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Online;

/// <summary>
/// One symbol's own online layer (transfer: warm-started from the shared layer) and how it compares with the shared
/// layer on that symbol's decisions since the warm start. Graduation is one-way: once its own layer beats the shared
/// one by the paired log-loss test (and is not less accurate), it serves the symbol for the rest of the run.
/// </summary>
internal sealed class SymbolLayer
{
    public SymbolLayer(OnlineLayer layer, long blockNs, long warmStartSamples)
    {
        Layer = layer;
        AccuracyTest = new PairedBlockTest(blockNs);
        LossTest = new PairedBlockTest(blockNs);
        WarmStartSamples = warmStartSamples;
    }

    public OnlineLayer Layer { get; }
    public PairedBlockTest AccuracyTest { get; }
    public PairedBlockTest LossTest { get; }
    public long WarmStartSamples { get; }
    public OutcomeTally Shared;
    public OutcomeTally Own;
    public bool Graduated;
    public long GraduatedAtOutcome = -1;
    public long GraduatedAtNs;
}
