using System.Globalization;

namespace HftScalper.Inference.Contracts;

/// <summary>
/// How far the mid must move to count as up or down: a fixed number of ticks, or basis points of the mid at the
/// sample. Parsed from text such as <c>0.5ticks</c> or <c>1bps</c>: the trainer's <c>--threshold</c>, and the
/// <c>labelling.threshold</c> a model's metadata carries (read through <see cref="ModelContract.Threshold"/>).
/// </summary>
/// <param name="Value">Threshold (strictly greater moves count).</param>
/// <param name="InBasisPoints">True: <paramref name="Value"/> is in bps of the mid; false: in ticks.</param>
public readonly record struct MoveThreshold(double Value, bool InBasisPoints)
{
    /// <summary>The threshold in ticks for a sample whose mid is <paramref name="midTicks"/>.</summary>
    public double Ticks(double midTicks) => InBasisPoints ? Value * 1e-4 * midTicks : Value;

    /// <summary>The class (<see cref="DirectionContract"/> column) of a mid change of <paramref name="deltaTicks"/> from <paramref name="midTicks"/>.</summary>
    public int Classify(double deltaTicks, double midTicks)
    {
        double t = Ticks(midTicks);
        return deltaTicks > t ? DirectionContract.Up : deltaTicks < -t ? DirectionContract.Down : DirectionContract.Flat;
    }

    /// <summary>Parses <c>N ticks</c>/<c>Nticks</c>/<c>Nt</c> or <c>Nbps</c>.</summary>
    /// <exception cref="FormatException">Not a non-negative number with a unit.</exception>
    public static MoveThreshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        bool bps = s.EndsWith("bps", StringComparison.Ordinal);
        string num = bps ? s[..^3] : s.EndsWith("ticks", StringComparison.Ordinal) ? s[..^5] : s.EndsWith("tick", StringComparison.Ordinal) ? s[..^4] : s.EndsWith('t') ? s[..^1] : "";
        if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= 0) || double.IsInfinity(v))
            throw new FormatException($"threshold '{text}' is not a non-negative number of ticks or bps (e.g. 0.5ticks, 1bps)");
        return new MoveThreshold(v, bps);
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + (InBasisPoints ? "bps" : "ticks");
}
