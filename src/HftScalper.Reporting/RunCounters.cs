namespace HftScalper.Reporting;

/// <summary>
/// What the pipeline measured itself over the run (the recorders cannot): event and decision counts, wall time,
/// GC counters (<c>GC.CollectionCount</c> and <c>GC.GetTotalAllocatedBytes(true)</c> differences over the measured
/// part of the run) and the decision digest.
/// </summary>
public sealed record RunCounters
{
    /// <summary>Market events processed.</summary>
    public long Events { get; init; }

    /// <summary>Decision events.</summary>
    public long Decisions { get; init; }

    /// <summary>Wall-clock seconds of the measured run.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Gen0 collections during the measured run.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Gen1 collections during the measured run.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Gen2 collections during the measured run.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Bytes allocated (all threads) during the measured run.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Digest of all decisions (same input and model =&gt; same digest).</summary>
    public string Digest { get; init; } = "";

    /// <summary>Where the events came from (file names or "simulator"), for the report header.</summary>
    public string Source { get; init; } = "";

    /// <summary>Model used (path or name), for the report header.</summary>
    public string Model { get; init; } = "";

    /// <summary>Net funding booked by the ledger (USD-M; 0 on spot), quote asset: the attribution's funding term.</summary>
    public double FundingTotal { get; init; }
}
