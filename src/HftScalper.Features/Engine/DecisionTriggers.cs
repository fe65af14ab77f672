namespace HftScalper.Features.Engine;

/// <summary>Which market events make the feature engine write a feature row (a "decision").</summary>
[Flags]
public enum DecisionTriggers
{
    /// <summary>Never decide (state is still updated).</summary>
    None = 0,

    /// <summary>The last level of a depth message or snapshot (the book is consistent again).</summary>
    EndOfDepthMessage = 1,

    /// <summary>A best bid/ask price or quantity changed (from a top-of-book event or a depth message).</summary>
    TopOfBookChange = 2,

    /// <summary>A trade.</summary>
    Trade = 4,

    /// <summary>The first event of a symbol at or after each multiple of <see cref="FeatureEngineOptions.ClockIntervalNs"/>
    /// of exchange time (a fixed sampling clock; also fired by <c>Clock</c> events).</summary>
    Clock = 8,
}
