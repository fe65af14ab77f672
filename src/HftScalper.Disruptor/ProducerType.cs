namespace HftScalper.Disruptor;

/// <summary>Who may claim slots in a ring.</summary>
public enum ProducerType
{
    /// <summary>Exactly one thread ever claims/publishes (e.g. the feed thread): no atomics on the claim path.</summary>
    Single,

    /// <summary>Any number of threads claim concurrently: an atomic add per claim plus per-slot availability flags.</summary>
    Multi,
}
