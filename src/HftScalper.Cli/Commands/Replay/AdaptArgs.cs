namespace HftScalper.Cli.Commands.Replay;

/// <summary>What <c>--adapt</c> and its options asked for.</summary>
internal sealed record AdaptArgs(string? Directory, TimeSpan? RetrainEvery, double[] RetrainAtMinutes, double RetrainDelaySeconds, double RetrainWindowSeconds,
    double? ChangeAtMinutes, double DriftBlockSeconds, int DriftReference, double DriftThreshold, long PromoteMinBlocks, long PromoteMinResolved, long Probation);
