namespace HftScalper.Cli.Commands.Replay;

/// <summary>What <c>--adapt</c> and its options asked for.</summary>
internal sealed record AdaptArgs(string? Directory, TimeSpan? RetrainEvery, double[] RetrainAtMinutes, double RetrainDelaySeconds, double RetrainWindowSeconds,
    double? ChangeAtMinutes, double DriftBlockSeconds, int DriftReference, double DriftThreshold, long PromoteMinBlocks, long PromoteMinResolved, long Probation)
{
    /// <summary>Most sampled rows the training window keeps (<c>--retrain-max-rows</c>: the memory cap of a retrain).</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>Fewest samples a retrain needs (<c>--retrain-min-samples</c>).</summary>
    public int MinSamples { get; init; } = 300;

    /// <summary>Linux nice value of the <c>hft-adapt</c> worker (<c>--retrain-nice</c>, 0..19).</summary>
    public int WorkerNice { get; init; } = 19;

    /// <summary>Most symbols given a model of their own (<c>--adapt-per-symbol N</c>; 0 = one model for every symbol, the loop following one symbol).</summary>
    public int PerSymbol { get; init; }

    /// <summary>Transfer by pooling below this many own samples (<c>--transfer-below</c>; 0 = never).</summary>
    public int TransferBelow { get; init; }

    /// <summary>How a symbol below <see cref="TransferBelow"/> learns from the others (<c>--transfer pool|warm-start</c>).</summary>
    public Training.Adaptation.TransferMode Transfer { get; init; }

    /// <summary>A/B routing of the shadow candidate (<c>--adapt-ab</c>; null = it only shadows).</summary>
    public Inference.Online.AbRouter? Ab { get; init; }
}
