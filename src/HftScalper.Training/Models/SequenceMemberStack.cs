using HftScalper.Training.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// A <see cref="StackedEnsemble"/> joined by sequence members (LSTMs or transformers trained by <c>hft train
/// --family</c>; one to <see cref="Inference.Ensemble.SequenceMemberSlot.MaxMembers"/>). For each non-empty subset of the
/// members (a bit mask, member m = bit m) a meta-learner reads the stack's meta inputs plus those members'
/// <c>log P(down, flat, up)</c> (floored as the other members', members in order). A row is served by the meta-learner of
/// exactly the members that answered it; a member with no prediction (its window filling: start, gap, resync, model
/// swap) is left out, and with none the stack's own meta-learner, fitted without them, serves the other members'
/// combination unchanged. A subset that had no row to fit on is served as the stack alone. All are fitted on
/// out-of-fold predictions with purging (<c>Pipeline.SequenceMemberStacking</c>); served as one graph
/// (<c>Export.StackedExporter</c>) with the members embedded.
/// </summary>
public sealed class SequenceMemberStack
{
    /// <summary>Inputs of the one-member meta-learner: the stack's, then the member's three log-probabilities.</summary>
    public const int MetaInputs = StackedEnsemble.MetaInputs + DirectionClass.Count;

    private readonly MetaLearner?[] _byMask;

    /// <summary>Joins one member's <paramref name="withMember"/> (over <see cref="MetaInputs"/>) to <paramref name="tabular"/>.</summary>
    public SequenceMemberStack(StackedEnsemble tabular, MetaLearner withMember) : this(tabular, 1, [null, withMember ?? throw new ArgumentNullException(nameof(withMember))]) { }

    /// <summary>
    /// Joins <paramref name="members"/> members to <paramref name="tabular"/>: <paramref name="byMask"/>[mask] reads
    /// <see cref="InputsOf"/>(mask) inputs (index 0 unused; null = no meta-learner for that subset: the stack serves it).
    /// </summary>
    public SequenceMemberStack(StackedEnsemble tabular, int members, MetaLearner?[] byMask)
    {
        ArgumentNullException.ThrowIfNull(tabular);
        ArgumentNullException.ThrowIfNull(byMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(members, Inference.Ensemble.SequenceMemberSlot.MaxMembers);
        if (byMask.Length != 1 << members) throw new ArgumentException($"{1 << members} entries expected (one per subset)", nameof(byMask));
        for (int mask = 1; mask < byMask.Length; mask++)
            if (byMask[mask] is { } meta && meta.Inputs != InputsOf(mask))
                throw new ArgumentException($"the meta-learner of subset {mask} must read {InputsOf(mask)} inputs", nameof(byMask));
        if (byMask[(1 << members) - 1] is null && members == 1) throw new ArgumentException("the member has no meta-learner", nameof(byMask));
        Tabular = tabular;
        Members = members;
        _byMask = byMask;
    }

    /// <summary>The tree members, the rule and their meta-learner: what serves while every sequence member warms.</summary>
    public StackedEnsemble Tabular { get; }

    /// <summary>Sequence members.</summary>
    public int Members { get; }

    /// <summary>The meta-learner over the stack's inputs and every member's (null when that subset had no row).</summary>
    public MetaLearner? WithMember => _byMask[^1];

    /// <summary>The meta-learner of the members in <paramref name="mask"/> (null: the stack serves those rows).</summary>
    public MetaLearner? Meta(int mask) => _byMask[mask];

    /// <summary>Inputs of the meta-learner of the members in <paramref name="mask"/>.</summary>
    public static int InputsOf(int mask) => StackedEnsemble.MetaInputs + DirectionClass.Count * System.Numerics.BitOperations.PopCount((uint)mask);

    /// <summary>
    /// Writes the <see cref="MetaInputs"/> of one row into <paramref name="z"/>: <paramref name="tabular"/> (the stack's
    /// inputs), then the member's log-probabilities, or NaN when <paramref name="member"/> is not a prediction (empty or
    /// non-finite): such a row is never fitted on and is served by the stack alone.
    /// </summary>
    public static void Inputs(ReadOnlySpan<float> tabular, ReadOnlySpan<float> member, Span<float> z) => Inputs(tabular, member, 1, 1, z);

    /// <summary>
    /// Writes the <see cref="InputsOf"/>(<paramref name="mask"/>) inputs of one row: the stack's, then the log-probabilities
    /// of each member in the mask (<paramref name="members"/>: 3 per member, in order), NaN for a member that is not a
    /// prediction (such a row is never fitted on for that subset).
    /// </summary>
    public static void Inputs(ReadOnlySpan<float> tabular, ReadOnlySpan<float> members, int count, int mask, Span<float> z)
    {
        tabular[..StackedEnsemble.MetaInputs].CopyTo(z);
        int at = StackedEnsemble.MetaInputs;
        for (int m = 0; m < count; m++)
        {
            if ((mask & (1 << m)) == 0) continue;
            var member = members.Length >= (m + 1) * DirectionClass.Count ? members.Slice(m * DirectionClass.Count, DirectionClass.Count) : default;
            bool ready = IsPrediction(member);
            for (int k = 0; k < DirectionClass.Count; k++) z[at + k] = ready ? StackedEnsemble.Log(member[k]) : float.NaN;
            at += DirectionClass.Count;
        }
    }

    /// <summary>True when <paramref name="member"/> holds three finite probabilities.</summary>
    public static bool IsPrediction(ReadOnlySpan<float> member) =>
        member.Length >= DirectionClass.Count && float.IsFinite(member[0]) && float.IsFinite(member[1]) && float.IsFinite(member[2]);

    /// <summary>The mask of the members whose scores in <paramref name="members"/> (3 per member) are predictions.</summary>
    public static int ReadyMask(ReadOnlySpan<float> members, int count)
    {
        int mask = 0;
        for (int m = 0; m < count; m++)
            if (members.Length >= (m + 1) * DirectionClass.Count && IsPrediction(members.Slice(m * DirectionClass.Count, DirectionClass.Count))) mask |= 1 << m;
        return mask;
    }

    /// <summary>
    /// P(down, flat, up) of one row from the stack's meta inputs <paramref name="tabular"/> and the members'
    /// probabilities <paramref name="members"/> (3 per member; empty or non-finite = warming: left out; none ready = the
    /// stack's own meta-learner, bit for bit what <see cref="StackedEnsemble"/> alone gives).
    /// </summary>
    public void Predict(ReadOnlySpan<float> tabular, ReadOnlySpan<float> members, Span<float> probabilities)
    {
        int mask = ReadyMask(members, Members);
        if (mask == 0 || _byMask[mask] is not { } meta)
        {
            Tabular.Meta.Predict(tabular, probabilities);
            return;
        }
        Span<float> z = stackalloc float[InputsOf(mask)];
        Inputs(tabular, members, Members, mask, z);
        meta.Predict(z, probabilities);
    }
}
