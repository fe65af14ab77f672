using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Compiled;

// The row operations after the trees that the compiler recognises (normalisation, the two-stage tail, softmax axis),
// each matched against exactly what the exporter writes; the tree parsing and layout stay in TreeGraphCompiler.cs.
internal static partial class TreeGraphCompiler
{
    // ReduceSum(x, axes=[1|-1], keepdims=1) -> s and Div(x, s): the normalisation the exporter writes.
    private static string? Normalisation(GraphProto graph, List<NodeProto> consumers, string x)
    {
        var reduce = consumers.Find(n => n.OpType == "ReduceSum" && n.Input.Count >= 1 && n.Input[0] == x);
        if (reduce is null || reduce.Domain.Length != 0 || reduce.Output.Count != 1) return null;
        var div = consumers.Find(n => n.OpType == "Div" && n.Input.Count == 2 && n.Input[0] == x && n.Input[1] == reduce.Output[0]);
        if (div is null || div.Domain.Length != 0) return null;
        if (graph.Node.Count(n => n.Input.Contains(reduce.Output[0])) != 1) return null;
        var keep = reduce.Attribute.FirstOrDefault(a => a.Name == "keepdims");
        if (keep is not null && keep.I != 1) return null;
        long[] axes;
        if (reduce.Input.Count == 2)
        {
            if (Int64Scalar(graph, reduce.Input[1]) is not { } axis) return null;
            axes = [axis];
        }
        else axes = [.. (reduce.Attribute.FirstOrDefault(a => a.Name == "axes")?.Ints ?? [])];
        return axes is [1] or [-1] ? div.Output[0] : null;
    }

    /// <summary>True when <paramref name="p"/> (the sigmoid of the move and up-given-move logits, [B, 2]) feeds exactly
    /// the exporter's two-stage tail ending in <paramref name="output"/>: <c>p_move</c> = Slice(p, 0, 1, axis 1) -> pm,
    /// <c>p_up_given_move</c> = Slice(p, 1, 2, axis 1) -> pu, <c>p_up</c> = Mul(pm, pu) -> up, <c>p_down</c> =
    /// Sub(pm, up) -> down, <c>p_flat</c> = Sub(1f, pm) -> flat, <c>class_probabilities</c> = Concat(down, flat, up,
    /// axis 1). Node names, operators, operand order, initializer values and the uses of every intermediate are
    /// checked; anything else is not this tail (<paramref name="why"/> says what differs) and ONNX Runtime serves it.</summary>
    private static bool TwoStageTail(GraphProto graph, string p, string output, out string why)
    {
        why = "";
        NodeProto? Named(string name, string op)
        {
            var n = graph.Node.FirstOrDefault(x => x.Name == name);
            return n is not null && n.OpType == op && n.Domain.Length == 0 && n.Output.Count == 1 ? n : null;
        }
        int Uses(string tensor) => graph.Node.Count(n => n.Input.Contains(tensor)) + (graph.Output.Any(o => o.Name == tensor) ? 1 : 0);
        var move = Named("p_move", "Slice");
        var given = Named("p_up_given_move", "Slice");
        var mul = Named("p_up", "Mul");
        var down = Named("p_down", "Sub");
        var flat = Named("p_flat", "Sub");
        var concat = Named("class_probabilities", "Concat");
        if (move is null || given is null || mul is null || down is null || flat is null || concat is null)
            { why = "its nodes are not p_move, p_up_given_move, p_up, p_down, p_flat, class_probabilities"; return false; }
        if (move.Input.Count != 4 || given.Input.Count != 4 || move.Input[0] != p || given.Input[0] != p)
            { why = "the slices do not read the head probabilities with starts, ends and axes"; return false; }
        if (Int64Scalar(graph, move.Input[1]) != 0 || Int64Scalar(graph, move.Input[2]) != 1 || Int64Scalar(graph, move.Input[3]) != 1
            || Int64Scalar(graph, given.Input[1]) != 1 || Int64Scalar(graph, given.Input[2]) != 2 || Int64Scalar(graph, given.Input[3]) != 1)
            { why = "slice bounds other than columns [0, 1) and [1, 2) on axis 1"; return false; }
        string pm = move.Output[0], pu = given.Output[0], up = mul.Output[0], dn = down.Output[0], fl = flat.Output[0];
        if (!(mul.Input.Count == 2 && mul.Input[0] == pm && mul.Input[1] == pu)) { why = "p_up is not pm * pu"; return false; }
        if (!(down.Input.Count == 2 && down.Input[0] == pm && down.Input[1] == up)) { why = "p_down is not pm - up"; return false; }
        if (!(flat.Input.Count == 2 && flat.Input[1] == pm && FloatScalar(graph, flat.Input[0]) is 1f)) { why = "p_flat is not 1 - pm"; return false; }
        var axis = concat.Attribute.FirstOrDefault(a => a.Name == "axis");
        if (axis is null || axis.I != 1 || concat.Input.Count != 3 || concat.Input[0] != dn || concat.Input[1] != fl || concat.Input[2] != up
            || concat.Output[0] != output)
            { why = "class_probabilities is not Concat(down, flat, up) on axis 1 into the scores"; return false; }
        // Each intermediate used only inside the tail (pm by Mul and both Subs, up by Sub and Concat).
        if (Uses(p) != 2 || Uses(pm) != 3 || Uses(pu) != 1 || Uses(up) != 2 || Uses(dn) != 1 || Uses(fl) != 1)
            { why = "an intermediate of the tail is used elsewhere"; return false; }
        return true;
    }

    // The value of a one-element int64 initializer (shape [1] or scalar) that no graph input overrides; null otherwise.
    private static long? Int64Scalar(GraphProto graph, string name)
    {
        var t = Initializer(graph, name);
        if (t is null || t.DataType != (int)TensorProto.Types.DataType.Int64) return null;
        if (t.Int64Data.Count == 1 && t.RawData.Length == 0) return t.Int64Data[0];
        return t.Int64Data.Count == 0 && t.RawData.Length == 8 ? BitConverter.ToInt64(t.RawData.Span) : null;
    }

    // The value of a one-element float initializer (shape [1] or scalar) that no graph input overrides; null otherwise.
    private static float? FloatScalar(GraphProto graph, string name)
    {
        var t = Initializer(graph, name);
        if (t is null || t.DataType != (int)TensorProto.Types.DataType.Float) return null;
        if (t.FloatData.Count == 1 && t.RawData.Length == 0) return t.FloatData[0];
        return t.FloatData.Count == 0 && t.RawData.Length == 4 ? BitConverter.ToSingle(t.RawData.Span) : null;
    }

    private static TensorProto? Initializer(GraphProto graph, string name)
    {
        if (graph.Input.Any(i => i.Name == name)) return null;
        var t = graph.Initializer.FirstOrDefault(x => x.Name == name);
        return t is not null && (t.Dims.Count == 0 || (t.Dims.Count == 1 && t.Dims[0] == 1)) ? t : null;
    }

    private static bool LastAxis(NodeProto softmax)
    {
        var axis = softmax.Attribute.FirstOrDefault(a => a.Name == "axis");
        if (axis is not null) return axis.I is 1 or -1;
        return true; // default: 1 before opset 13, -1 after; the same axis for a [B, K] tensor
    }
}
