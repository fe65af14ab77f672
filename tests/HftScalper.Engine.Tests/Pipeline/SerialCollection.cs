namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// Tests that read process-wide GC counters (gen0 collections) run alone: any other test allocating in parallel in
/// the same process would trigger collections and make them fail for a reason that is not theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "serial (process-wide GC counters)";
}
