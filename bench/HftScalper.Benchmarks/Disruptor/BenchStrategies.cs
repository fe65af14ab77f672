using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>Wait strategies by name, for benchmark parameters.</summary>
public static class BenchStrategies
{
    /// <summary>Creates the named strategy (Blocking, Sleeping, Yielding, YieldingPause, BusySpin).</summary>
    public static IWaitStrategy Create(string name) => name switch
    {
        "Blocking" => new BlockingWaitStrategy(),
        "Sleeping" => new SleepingWaitStrategy(),
        "Yielding" => new YieldingWaitStrategy(),
        "YieldingPause" => new YieldingWaitStrategy(100, pause: true),
        "BusySpin" => new BusySpinWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown wait strategy."),
    };
}
