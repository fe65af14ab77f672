using HftScalper.Disruptor;

namespace HftScalper.Engine.Composition;

/// <summary>Wait strategies by configuration name.</summary>
internal static class WaitStrategies
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["blocking", "sleeping", "yielding", "busyspin", "busy-spin"];

    /// <summary>Creates the strategy named <paramref name="name"/> (blocking, sleeping, yielding, busyspin).</summary>
    public static IWaitStrategy Create(string name) => name.ToLowerInvariant() switch
    {
        "blocking" => new BlockingWaitStrategy(),
        "sleeping" => new SleepingWaitStrategy(),
        "yielding" => new YieldingWaitStrategy(),
        "busyspin" or "busy-spin" => new BusySpinWaitStrategy(),
        _ => throw new ArgumentException($"unknown wait strategy '{name}' (blocking, sleeping, yielding, busyspin)"),
    };
}
