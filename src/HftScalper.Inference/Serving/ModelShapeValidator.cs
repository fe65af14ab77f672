using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>Checks a session's input/output shapes against the model's metadata and the engine's feature count.</summary>
internal static class ModelShapeValidator
{
    public static ModelShape Check(string path, InferenceSession session, ModelMetadata md, int featureCount)
    {
        int memberCount = MemberCount(path, session);
        bool members = memberCount > 0;
        if (session.InputMetadata.Count != (members ? 3 : 1))
            throw Refuse(path, $"expected one input (or the features and a sequence member's {SequenceMemberSlot.ScoresInput} and {SequenceMemberSlot.ReadyInput}), found {session.InputMetadata.Count}");
        var (inputName, input) = session.InputMetadata.First(i => i.Key is not (SequenceMemberSlot.ScoresInput or SequenceMemberSlot.ReadyInput));
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
            throw Refuse(path, $"input '{inputName}' must be a float tensor");
        long[] expected = md.InputKind == ModelInputKind.Sequence ? [md.SequenceLength, featureCount] : [featureCount];
        var inputTrailing = Trailing(path, inputName, input.Dimensions);
        if (!inputTrailing.AsSpan().SequenceEqual(expected))
            throw Refuse(path, $"input '{inputName}' is [batch,{string.Join(',', inputTrailing)}] but metadata says {md.InputKind} [batch,{string.Join(',', expected)}]");

        var outputs = new List<TensorShape>();
        foreach (var (name, o) in session.OutputMetadata)
        {
            if (!o.IsTensor) throw Refuse(path, $"output '{name}' is not a tensor");
            outputs.Add(new TensorShape(name, o.ElementDataType, Trailing(path, name, o.Dimensions)));
        }
        var scores = outputs.Find(o => o.Name == md.OutputTensor)
            ?? throw Refuse(path, $"metadata names output '{md.OutputTensor}', the model has [{string.Join(", ", outputs.Select(o => o.Name))}]");
        if (scores.Type != TensorElementType.Float || scores.TrailingDims.Length != 1 || scores.TrailingDims[0] != md.OutputNames.Count)
            throw Refuse(path, $"output '{scores.Name}' must be float [batch,{md.OutputNames.Count}] ({md.OutputKind}: {string.Join(", ", md.OutputNames)}), " +
                $"is {scores.Type} [batch,{string.Join(',', scores.TrailingDims)}]");
        return new ModelShape(inputName, TensorElementType.Float, inputTrailing, outputs) { MemberCount = memberCount };
    }

    // Both member inputs, float [B,3M] and [B,M] for M members (1..MaxMembers), or neither. Returns M (0 = neither).
    private static int MemberCount(string path, InferenceSession session)
    {
        var inputs = session.InputMetadata;
        bool scores = inputs.TryGetValue(SequenceMemberSlot.ScoresInput, out var s), ready = inputs.TryGetValue(SequenceMemberSlot.ReadyInput, out var r);
        if (!scores && !ready) return 0;
        if (!scores || !ready) throw Refuse(path, $"a sequence member needs both {SequenceMemberSlot.ScoresInput} and {SequenceMemberSlot.ReadyInput} inputs");
        foreach (var (name, m) in new[] { (SequenceMemberSlot.ScoresInput, s!), (SequenceMemberSlot.ReadyInput, r!) })
            if (!m.IsTensor || m.ElementDataType != TensorElementType.Float || Trailing(path, name, m.Dimensions).Length != 1)
                throw Refuse(path, $"input '{name}' must be float [batch,n]");
        long width = Trailing(path, SequenceMemberSlot.ScoresInput, s!.Dimensions)[0], members = Trailing(path, SequenceMemberSlot.ReadyInput, r!.Dimensions)[0];
        if (members < 1 || members > SequenceMemberSlot.MaxMembers || width != members * SequenceMemberSlot.Classes)
            throw Refuse(path, $"inputs '{SequenceMemberSlot.ScoresInput}' [batch,{width}] and '{SequenceMemberSlot.ReadyInput}' [batch,{members}] must be [batch,3M] and [batch,M] for 1 to {SequenceMemberSlot.MaxMembers} members");
        return (int)members;
    }

    // The first dimension must be the dynamic batch; the rest must be fixed so buffers can be sized up front.
    private static long[] Trailing(string path, string name, int[] dims)
    {
        if (dims.Length == 0 || dims[0] > 1)
            throw Refuse(path, $"tensor '{name}' has no dynamic batch dimension ([{string.Join(',', dims)}])");
        var rest = new long[dims.Length - 1];
        for (int i = 1; i < dims.Length; i++)
        {
            if (dims[i] <= 0) throw Refuse(path, $"tensor '{name}' has a dynamic dimension {i} besides the batch");
            rest[i - 1] = dims[i];
        }
        return rest;
    }

    private static ModelLoadException Refuse(string path, string why) => new($"model '{path}': {why}");
}
