using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>The feature input and all outputs of a model, as checked by the loader; <see cref="HasMemberInputs"/> when the
/// graph also reads a sequence member's scores and readiness (<see cref="Ensemble.SequenceMemberSlot"/>).</summary>
internal sealed record ModelShape(string InputName, TensorElementType InputType, long[] InputTrailingDims, IReadOnlyList<TensorShape> Outputs)
{
    /// <summary>Sequence members the graph reads: <c>member_scores [B,3M]</c> and <c>member_ready [B,M]</c> (0 = none).</summary>
    public int MemberCount { get; init; }

    /// <summary>The graph has the member inputs.</summary>
    public bool HasMemberInputs => MemberCount > 0;
}
