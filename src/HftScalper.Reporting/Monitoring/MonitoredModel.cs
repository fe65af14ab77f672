using HftScalper.Inference.Serving;

namespace HftScalper.Reporting.Monitoring;

/// <summary>A model as the metrics see it at one scrape.</summary>
/// <param name="Session">The session (its monitor holds the counters).</param>
/// <param name="Sha256">File hash ("" when unknown).</param>
/// <param name="LoadedUtc">When it was loaded (model age).</param>
/// <param name="Generation">Swap generation of its host when it went live.</param>
public sealed record MonitoredModel(ModelSession Session, string Sha256, DateTimeOffset LoadedUtc, long Generation);
