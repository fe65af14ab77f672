using System.Runtime.CompilerServices;
using System.Text;
using HftScalper.Core.Events;
using HftScalper.Features.Engine;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// What a decision's stages had to do, packed in 16 bits (<see cref="DecisionRecord.Cause"/>) for the per-cause latency
/// breakdown: the deciding event's kind, how many events its message held, the feature engine's periodic work
/// (<see cref="FeatureWork"/>) and the strategy's (an order sent, a fill booked since the previous decision).
/// <code>
///  bits 0-3 FeatureWork | 4-6 event kind | 7-8 message size (1, 2-16, 17-256, more) | 9 order sent | 10 fill
/// </code>
/// </summary>
internal static class LatencyCause
{
    /// <summary>Bit set when the decision sent an order.</summary>
    public const int OrderSent = 1 << 9;

    /// <summary>Bit set when a fill was booked between the previous decision and this one.</summary>
    public const int Fill = 1 << 10;

    /// <summary>Number of distinct codes.</summary>
    public const int Count = 1 << 11;

    /// <summary>The bits the features stage is keyed by (its work, the event, the message).</summary>
    public const int FeaturesMask = 0x1FF;

    /// <summary>The bits the inference stage is keyed by (the event and its message).</summary>
    public const int InferenceMask = 0x1F0;

    /// <summary>The bits the strategy stage is keyed by (the event, its message, order and fill).</summary>
    public const int StrategyMask = 0x7F0;

    /// <summary>The code of a decision made by an event of <paramref name="kind"/>, the
    /// <paramref name="messageEvents"/>-th of its message, after the feature engine did <paramref name="work"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Of(MarketEventKind kind, FeatureWork work, int messageEvents)
    {
        int size = messageEvents <= 1 ? 0 : messageEvents <= 16 ? 1 : messageEvents <= 256 ? 2 : 3;
        return (ushort)(((int)work & 0xF) | (((int)kind & 0x7) << 4) | (size << 7));
    }

    /// <summary>A readable name, e.g. <c>BookDelta[17-256]+depthFigures+second</c> (for the report, not the hot path).</summary>
    public static string Describe(int code)
    {
        var sb = new StringBuilder(((MarketEventKind)((code >> 4) & 0x7)).ToString());
        sb.Append(((code >> 7) & 0x3) switch { 0 => "[1]", 1 => "[2-16]", 2 => "[17-256]", _ => "[>256]" });
        var work = (FeatureWork)(code & 0xF);
        if ((work & FeatureWork.DepthFigures) != 0) sb.Append("+depthFigures");
        if ((work & FeatureWork.SecondClosed) != 0) sb.Append("+second");
        if ((work & FeatureWork.IdleSeconds) != 0) sb.Append("+idleSeconds");
        if ((work & FeatureWork.BarClosed) != 0) sb.Append("+bar");
        if ((code & OrderSent) != 0) sb.Append("+order");
        if ((code & Fill) != 0) sb.Append("+fill");
        return sb.ToString();
    }
}
