namespace HftScalper.Training.Adaptation;

/// <summary>One step of the adaptation loop, for the log, the JSON and the report's markers.</summary>
/// <param name="Kind"><c>alarm</c>, <c>retrain</c>, <c>retrainSkipped</c>, <c>retrainDeferred</c>, <c>candidate</c>, <c>trainFailed</c>,
/// <c>promotion</c>, <c>rollback</c>, <c>probationPassed</c>.</param>
/// <param name="Seconds">Exchange-time seconds from the run's first event.</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record AdaptationEvent(string Kind, double Seconds, string Detail);
