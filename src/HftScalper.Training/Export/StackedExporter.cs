using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Models;

namespace HftScalper.Training.Export;

/// <summary>
/// Exports a <see cref="StackedEnsemble"/> as ONE ONNX graph: every member's heads in one TreeEnsembleRegressor
/// (global, then each regime that has its own member; a missing regime reuses the global tensor), <c>Sigmoid</c>, each
/// member composed into P(down, flat, up) (two-stage: <c>Slice/Mul/Sub/Concat</c>; one-vs-rest: <c>Slice/ReduceSum/Div</c>),
/// <c>Clip</c>+<c>Log</c>; the soft regime weights from <c>Gather</c>ed indicator columns (<c>Sub/Mul/Sigmoid</c>); the
/// rule score (<c>Tanh/Clip</c>); the meta inputs <c>Concat</c>enated in <see cref="StackedEnsemble.Inputs"/>'s order,
/// then <c>MatMul</c>, <c>Add</c>, <c>Softmax</c> -> <c>scores [B,3]</c>. The operations follow the managed
/// computation's order, so ML.NET-side and ONNX Runtime predictions agree to float rounding. The managed tree
/// evaluator does not compile this tail: ONNX Runtime serves it.
/// </summary>
internal static class StackedExporter
{
    /// <summary>Builds the graph over <paramref name="width"/> features.</summary>
    public static ModelProto Direction(StackedEnsemble stack, int width) => Build(stack, width, null);

    /// <summary>
    /// Builds the graph of <paramref name="ensemble"/>: the stack's graph with two more inputs,
    /// <c>member_scores [B,3M]</c> and <c>member_ready [B,M]</c> for its M sequence members (<see cref="SequenceMemberSlot"/>);
    /// the logits are those of the meta-learner of exactly the members whose <c>member_ready &gt; 0.5</c>
    /// (<c>[z, log clip(scores of those members)]·W_mask + b_mask</c>, chosen by <c>Where</c>), and the stack's
    /// <c>z·W + b</c> when none is ready, so a row whose members are all warming gets exactly the stack's output and one
    /// with a warming member the combination without it. The members' own files are embedded by the caller.
    /// </summary>
    public static ModelProto Direction(SequenceMemberStack ensemble, int width)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        return Build(ensemble.Tabular, width, ensemble);
    }

    private static ModelProto Build(StackedEnsemble stack, int width, SequenceMemberStack? withMembers)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var form = stack.Global.Form;
        int heads = DirectionModel.HeadsOf(form);
        DirectionModel[] members = [stack.Global, .. stack.ByRegime.Where(m => m is not null)!];
        int outputs = members.Length * heads;
        var trees = new List<TreeNode[]>();
        for (int m = 0; m < members.Length; m++)
            for (int k = 0; k < heads; k++)
            {
                var c = members[m].Heads[k];
                double shift = -c.Offset + (form == DirectionForm.TwoStage && k == 0 ? members[m].MoveLogitOffset : 0);
                trees.AddRange(MlNetTreeConverter.Convert(c.Ensemble, outputs, m * heads + k, -c.Slope, shift));
            }
        var proto = TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(width, outputs, trees));
        var g = new GraphBuilder(proto.Graph);
        g.Graph.Node[0].Output[0] = "logits";
        g.Graph.Output.Clear();
        g.Op("Sigmoid", ["logits"], "heads");
        g.Ints("axis1", 1);
        g.Floats("one", 1f);
        g.Floats("floor", StackedEnsemble.ProbabilityFloor);

        var logProb = new string[members.Length];
        for (int m = 0; m < members.Length; m++)
        {
            string p = form == DirectionForm.TwoStage ? TwoStageMember(g, m, heads) : OneVsRestMember(g, m, heads);
            logProb[m] = g.Op("Log", [g.Op("Clip", [p, "floor", "one"])]);
        }

        var b = stack.Blend;
        string Column(int col) { g.Ints($"col{col}", col); return g.Op("Gather", [OnnxGraph.InputName, $"col{col}"], null, OnnxGraph.Int("axis", 1)); }
        string Logistic(int col, float center, float slope) =>
            g.Op("Sigmoid", [g.Op("Mul", [g.Op("Sub", [Column(col), g.Floats(null, center)]), g.Floats(null, slope)])]);
        string vol = Logistic(b.VolColumn, b.VolCenter, b.VolSlope);
        string notVol = g.Op("Sub", ["one", vol]);
        string trend = g.Op("Mul", [notVol, Logistic(b.TrendColumn, b.TrendCenter, b.TrendSlope)]);
        if (b.TrendValidColumn >= 0) trend = g.Op("Mul", [trend, Column(b.TrendValidColumn)]);
        string ranging = g.Op("Sub", [notVol, trend]);
        string[] weights = [ranging, trend, vol];

        string rule;
        if (stack.Rule is { } r)
        {
            string ofi = g.Op("Mul", [g.Op("Tanh", [g.Op("Div", [Column(r.OfiColumn), g.Floats(null, RuleSignal.OfiScale)])]), g.Floats(null, RuleSignal.OfiWeight)]);
            string minus = g.Floats(null, -1f);
            string micro = g.Op("Mul", [g.Op("Clip", [g.Op("Div", [Column(r.MicropriceColumn), g.Floats(null, RuleSignal.MicropriceScale)]), minus, "one"]), g.Floats(null, RuleSignal.MicropriceWeight)]);
            string imb = g.Op("Mul", [g.Op("Clip", [Column(r.ImbalanceColumn), minus, "one"]), g.Floats(null, RuleSignal.ImbalanceWeight)]);
            rule = g.Op("Add", [g.Op("Add", [ofi, micro]), imb]);
        }
        else rule = g.Op("Sub", [vol, vol]);

        var z = new List<string> { logProb[0] };
        int next = 1;
        for (int reg = 0; reg < 3; reg++)
            z.Add(g.Op("Mul", [stack.ByRegime[reg] is null ? logProb[0] : logProb[next++], weights[reg]]));
        z.AddRange([rule, trend, vol]);
        string zt = g.Op("Concat", [.. z], null, OnnxGraph.Int("axis", 1));
        g.Graph.Initializer.Add(OnnxGraph.FloatTensor("meta_weights", [StackedEnsemble.MetaInputs, DirectionClass.Count], stack.Meta.Weights));
        g.Graph.Initializer.Add(OnnxGraph.FloatTensor("meta_bias", [DirectionClass.Count], stack.Meta.Bias));
        string logits = g.Op("Add", [g.Op("MatMul", [zt, "meta_weights"]), "meta_bias"]);
        if (withMembers is not null) logits = WithMembers(g, zt, logits, withMembers);
        g.Op("Softmax", [logits], OnnxGraph.ScoresName, OnnxGraph.Int("axis", -1));
        g.Graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, DirectionClass.Count));
        return proto;
    }

    // Each subset's meta-learner over [z, log clip(scores of its members)] where exactly its members are ready, else
    // the stack's logits. A meta-learner's weights split by rows: the stack's inputs first, then each member's three
    // (members in order); MatMul of each part, then Add.
    private static string WithMembers(GraphBuilder g, string zt, string stackLogits, SequenceMemberStack ensemble)
    {
        const int D = StackedEnsemble.MetaInputs, C = DirectionClass.Count;
        int members = ensemble.Members;
        g.Graph.Input.Add(OnnxGraph.BatchedTensor(SequenceMemberSlot.ScoresInput, TensorProto.Types.DataType.Float, SequenceMemberSlot.Classes * members));
        g.Graph.Input.Add(OnnxGraph.BatchedTensor(SequenceMemberSlot.ReadyInput, TensorProto.Types.DataType.Float, members));
        var logMember = new string[members];
        var ready = new string[members];
        var notReady = new string[members];
        string half = g.Floats(null, 0.5f);
        for (int m = 0; m < members; m++)
        {
            string scores = members == 1 ? SequenceMemberSlot.ScoresInput : g.Op("Slice", [SequenceMemberSlot.ScoresInput, g.Ints(null, m * C), g.Ints(null, m * C + C), "axis1"]);
            logMember[m] = g.Op("Log", [g.Op("Clip", [scores, "floor", "one"])]);
            string r = members == 1 ? SequenceMemberSlot.ReadyInput : g.Op("Slice", [SequenceMemberSlot.ReadyInput, g.Ints(null, m), g.Ints(null, m + 1), "axis1"]);
            ready[m] = g.Op("Greater", [r, half]);
            notReady[m] = members == 1 ? "" : g.Op("Not", [ready[m]]);
        }
        string result = stackLogits;
        for (int mask = 1; mask < 1 << members; mask++)
        {
            if (ensemble.Meta(mask) is not { } meta) continue;
            string suffix = members == 1 ? "" : "_" + mask.ToString(System.Globalization.CultureInfo.InvariantCulture);
            g.Graph.Initializer.Add(OnnxGraph.FloatTensor("member_meta_weights_stack" + suffix, [D, C], meta.Weights.AsSpan(0, D * C).ToArray()));
            string sum = g.Op("MatMul", [zt, "member_meta_weights_stack" + suffix]);
            int part = 0;
            for (int m = 0; m < members; m++)
            {
                if ((mask & (1 << m)) == 0) continue;
                string name = members == 1 ? "member_meta_weights_member" : $"member_meta_weights_member{m}{suffix}";
                g.Graph.Initializer.Add(OnnxGraph.FloatTensor(name, [C, C], meta.Weights.AsSpan(D * C + part * C * C, C * C).ToArray()));
                sum = g.Op("Add", [sum, g.Op("MatMul", [logMember[m], name])]);
                part++;
            }
            g.Graph.Initializer.Add(OnnxGraph.FloatTensor("member_meta_bias" + suffix, [C], meta.Bias));
            string logits = g.Op("Add", [sum, "member_meta_bias" + suffix]);
            // Exactly this subset ready: each member in the mask ready, each other one not.
            string? cond = null;
            for (int m = 0; m < members; m++)
            {
                string term = (mask & (1 << m)) != 0 ? ready[m] : notReady[m];
                cond = cond is null ? term : g.Op("And", [cond, term]);
            }
            result = g.Op("Where", [cond!, logits, result]);
        }
        return result;
    }

    // [pm, pu] of member m -> [pm - pm*pu, 1 - pm, pm*pu] (TwoStage.Compose).
    private static string TwoStageMember(GraphBuilder g, int m, int heads)
    {
        string pm = g.Op("Slice", ["heads", g.Ints(null, m * heads), g.Ints(null, m * heads + 1), "axis1"]);
        string pu = g.Op("Slice", ["heads", g.Ints(null, m * heads + 1), g.Ints(null, m * heads + 2), "axis1"]);
        string up = g.Op("Mul", [pm, pu]);
        return g.Op("Concat", [g.Op("Sub", [pm, up]), g.Op("Sub", ["one", pm]), up], null, OnnxGraph.Int("axis", 1));
    }

    // Three one-vs-rest probabilities of member m normalised to sum to one.
    private static string OneVsRestMember(GraphBuilder g, int m, int heads)
    {
        string p = g.Op("Slice", ["heads", g.Ints(null, m * heads), g.Ints(null, m * heads + 3), "axis1"]);
        return g.Op("Div", [p, g.Op("ReduceSum", [p, "axis1"], null, OnnxGraph.Int("keepdims", 1))]);
    }

    // Appends nodes and constants with generated names.
    private sealed class GraphBuilder(GraphProto graph)
    {
        private int _n;

        public GraphProto Graph { get; } = graph;

        public string Op(string type, string[] inputs, string? output = null, params AttributeProto[] attributes)
        {
            output ??= $"t{_n++}";
            Graph.Node.Add(OnnxGraph.Node(type, $"n_{output}", inputs, [output], "", attributes));
            return output;
        }

        public string Ints(string? name, long value)
        {
            name ??= $"c{_n++}";
            if (Graph.Initializer.All(i => i.Name != name)) Graph.Initializer.Add(OnnxGraph.Int64Tensor(name, [1], [value]));
            return name;
        }

        public string Floats(string? name, float value)
        {
            name ??= $"c{_n++}";
            // Scalars: Clip reads its bounds as rank-0 tensors; the arithmetic broadcasts them.
            if (Graph.Initializer.All(i => i.Name != name)) Graph.Initializer.Add(OnnxGraph.FloatTensor(name, [], [value]));
            return name;
        }
    }
}
