namespace HftScalper.Engine.Composition;

/// <summary>
/// Where a run's warm-up ended (<see cref="PipelineOptions.WarmupEvents"/>) and what the JIT compiled on each side:
/// the latency and GC figures describe the steady state after it, so JIT inside it (<see cref="SteadyJitMs"/>) is
/// the one that could reach them. JIT times are <see cref="System.Runtime.JitInfo.GetCompilationTime"/> over all threads.
/// </summary>
/// <param name="Events">Events through every stage when the warm-up ended (all of them when the run never left it):
/// inline, those published; threaded, those published less the ring's backlog, which the steady window processes and
/// counts.</param>
/// <param name="Seconds">Wall time of the warm-up.</param>
/// <param name="JitMs">JIT time during the warm-up, ms.</param>
/// <param name="SteadySeconds">Wall time after the warm-up (0 when the run never left it).</param>
/// <param name="SteadyJitMs">JIT time after the warm-up, ms: methods first called in the measured window.</param>
public sealed record WarmupFigures(long Events, double Seconds, double JitMs, double SteadySeconds, double SteadyJitMs);
