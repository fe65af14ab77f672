using HftScalper.Training.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// A <see cref="StackedEnsemble"/> joined by a sequence member (an LSTM or a transformer trained by
/// <c>hft train --family</c>): a second meta-learner, <see cref="WithMember"/>, reads the stack's meta inputs plus the
/// member's <c>log P(down, flat, up)</c> (floored as the other members'); where the member has no prediction (its window
/// is filling: start, gap, resync, model swap) the stack's own meta-learner, fitted without the member, serves the
/// other members' combination unchanged. Both are fitted on out-of-fold predictions with purging
/// (<c>Pipeline.SequenceMemberStacking</c>); served as one graph (<c>Export.StackedExporter</c>) with the member embedded.
/// </summary>
public sealed class SequenceMemberStack
{
    /// <summary>Inputs of <see cref="WithMember"/>: the stack's, then the member's three log-probabilities.</summary>
    public const int MetaInputs = StackedEnsemble.MetaInputs + DirectionClass.Count;

    /// <summary>Joins <paramref name="withMember"/> (over <see cref="MetaInputs"/>) to <paramref name="tabular"/>.</summary>
    public SequenceMemberStack(StackedEnsemble tabular, MetaLearner withMember)
    {
        ArgumentNullException.ThrowIfNull(tabular);
        ArgumentNullException.ThrowIfNull(withMember);
        if (withMember.Inputs != MetaInputs) throw new ArgumentException($"the member's meta-learner must read {MetaInputs} inputs", nameof(withMember));
        Tabular = tabular;
        WithMember = withMember;
    }

    /// <summary>The tree members, the rule and their meta-learner: what serves while the member warms.</summary>
    public StackedEnsemble Tabular { get; }

    /// <summary>The meta-learner over the stack's inputs and the member's.</summary>
    public MetaLearner WithMember { get; }

    /// <summary>
    /// Writes the <see cref="MetaInputs"/> of one row into <paramref name="z"/>: <paramref name="tabular"/> (the stack's
    /// inputs), then the member's log-probabilities, or NaN when <paramref name="member"/> is not a prediction (empty or
    /// non-finite): such a row is never fitted on and is served by the stack alone.
    /// </summary>
    public static void Inputs(ReadOnlySpan<float> tabular, ReadOnlySpan<float> member, Span<float> z)
    {
        tabular[..StackedEnsemble.MetaInputs].CopyTo(z);
        bool ready = IsPrediction(member);
        for (int k = 0; k < DirectionClass.Count; k++)
            z[StackedEnsemble.MetaInputs + k] = ready ? StackedEnsemble.Log(member[k]) : float.NaN;
    }

    /// <summary>True when <paramref name="member"/> holds three finite probabilities.</summary>
    public static bool IsPrediction(ReadOnlySpan<float> member) =>
        member.Length >= DirectionClass.Count && float.IsFinite(member[0]) && float.IsFinite(member[1]) && float.IsFinite(member[2]);

    /// <summary>
    /// P(down, flat, up) of one row from the stack's meta inputs <paramref name="tabular"/> and the member's
    /// probabilities <paramref name="member"/> (empty or non-finite = warming: the stack's own meta-learner answers,
    /// bit for bit what <see cref="StackedEnsemble"/> alone gives).
    /// </summary>
    public void Predict(ReadOnlySpan<float> tabular, ReadOnlySpan<float> member, Span<float> probabilities)
    {
        if (!IsPrediction(member))
        {
            Tabular.Meta.Predict(tabular, probabilities);
            return;
        }
        Span<float> z = stackalloc float[MetaInputs];
        Inputs(tabular, member, z);
        WithMember.Predict(z, probabilities);
    }
}
