using HftScalper.Engine.Features;

namespace HftScalper.Training.Data;

/// <summary>Receives one decision row. <paramref name="row"/> is only valid during the call (copy what you keep).</summary>
public delegate void FeatureRowSink(in DecisionInfo info, ReadOnlySpan<float> row);
