namespace HftScalper.Disruptor;

/// <summary>What one <see cref="CapacityBackoff"/> step did.</summary>
internal enum BackoffStep : byte
{
    /// <summary>Pause-spun on this core.</summary>
    Spin,

    /// <summary>Offered the core to another runnable thread (<see cref="Thread.Yield"/>).</summary>
    Yield,

    /// <summary>Offered the core with <c>Thread.Sleep(0)</c>.</summary>
    Sleep0,
}
