namespace HftScalper.Engine.Composition;

/// <summary>
/// One line of the per-cause latency breakdown (<see cref="PipelineOptions.LatencyBreakdown"/>): a stage's time on the
/// decisions of one cause (e.g. <c>BookDelta[17-256]+depthFigures+second</c>), steady state only, and how many of
/// them lie above the stage's own p99 over all causes (<see cref="AboveStageP99"/>: what lands on the tail).
/// </summary>
/// <param name="Stage">features, inference or strategy.</param>
/// <param name="Cause">The deciding event's kind, its message size and the work done (see the README).</param>
/// <param name="Count">Decisions of this cause.</param>
/// <param name="P50Ns">Median stage time, ns.</param>
/// <param name="P99Ns">99th percentile of the stage time, ns.</param>
/// <param name="MaxNs">Largest stage time, ns.</param>
/// <param name="AboveStageP99">Decisions of this cause slower than the stage's p99 over every cause.</param>
public sealed record LatencyCauseFigures(string Stage, string Cause, long Count, long P50Ns, long P99Ns, long MaxNs, long AboveStageP99);
