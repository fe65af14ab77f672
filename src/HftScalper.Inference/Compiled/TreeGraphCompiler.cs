using System.Globalization;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// Recognises the tree-ensemble graphs <c>hft train</c> exports (and plain ONNX tree ensembles) and compiles them into
/// a <see cref="CompiledTreeModel"/>: one <c>ai.onnx.ml</c> TreeEnsembleRegressor or TreeEnsembleClassifier on the
/// graph input, followed only by row operations it reproduces (<c>Sigmoid</c>, <c>Softmax</c> on the last axis,
/// <c>ReduceSum</c>+<c>Div</c> normalisation, <c>Identity</c>, and the two-stage tail <c>hft train</c> writes after
/// <c>Sigmoid</c>: <c>Slice</c>, <c>Slice</c>, <c>Mul</c>, <c>Sub</c>, <c>Sub</c>, <c>Concat</c> — see
/// <see cref="TwoStageTail"/>). Anything else — other operators, missing-value
/// tracks, double thresholds, binary classifiers, mixed split modes, trees deeper than <see cref="MaxDepth"/> — is
/// refused with the reason, and ONNX Runtime serves the model as before.
/// </summary>
internal static partial class TreeGraphCompiler
{
    /// <summary>Deepest tree compiled.</summary>
    public const int MaxDepth = 64;

    /// <summary>Deepest ensemble laid out as complete trees (2^depth leaves per tree), and only while that is at most
    /// four times the nodes it has; deeper or sparser ones are laid out compactly.</summary>
    public const int CompleteMaxDepth = 10;

    private const string MlDomain = "ai.onnx.ml";

    /// <summary>The compiled model producing <paramref name="outputName"/>, or null with <paramref name="reason"/>.
    /// Uneven trees are laid out as <see cref="PairedTreeEnsemble"/> (two walks, 8-byte nodes) unless
    /// <paramref name="pairedWalks"/> is false or they do not fit its 16-bit fields: then <see cref="CompactTreeEnsemble"/>
    /// (four walks, 16-byte nodes; kept as the fallback and as the benchmark's previous evaluator). The paired layout is
    /// served incrementally (<see cref="IncrementalTreeEnsemble"/>: only trees whose splits flipped since the previous
    /// row walk) unless <paramref name="incremental"/> is false, with one state per symbol for up to
    /// <paramref name="treeStates"/> symbols. Shallow dense ensembles are laid out as complete trees only when
    /// <paramref name="incremental"/> is false (or paired walks are off): served, they walk incrementally too.</summary>
    public static CompiledTreeModel? TryCompile(ModelProto model, string outputName, out string reason, bool pairedWalks = true, bool incremental = true,
        int treeStates = IncrementalTreeEnsemble.DefaultMaxStreams)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return Compile(model, outputName, out reason, pairedWalks, incremental, treeStates);
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return null;
        }
    }

    private static CompiledTreeModel? Compile(ModelProto model, string outputName, out string reason, bool pairedWalks, bool incremental, int treeStates)
    {
        var graph = model.Graph;
        reason = "";
        if (graph is null || graph.Input.Count != 1) { reason = "the graph needs exactly one input"; return null; }
        var treeNodes = graph.Node.Where(n => n.OpType is "TreeEnsembleRegressor" or "TreeEnsembleClassifier").ToList();
        if (treeNodes.Count != 1) { reason = $"{treeNodes.Count} tree-ensemble operators (one expected)"; return null; }
        var tree = treeNodes[0];
        if (tree.Domain != MlDomain || tree.Input.Count != 1 || tree.Input[0] != graph.Input[0].Name)
            { reason = "the tree ensemble does not read the graph input directly"; return null; }

        bool classifier = tree.OpType == "TreeEnsembleClassifier";
        var ops = new List<PostOp>();
        var parsed = classifier ? ParseClassifier(tree, ops, out reason, pairedWalks, incremental) : ParseRegressor(tree, ops, out reason, pairedWalks, incremental);
        if (parsed is null) return null;

        string current = classifier ? (tree.Output.Count > 1 ? tree.Output[1] : "") : tree.Output[0];
        int used = 1;
        var names = new List<string>();
        while (current != outputName)
        {
            var consumers = graph.Node.Where(n => n.Input.Contains(current)).ToList();
            if (consumers.Count == 1 && consumers[0].Input.Count == 1 && consumers[0].OpType is "Sigmoid" or "Identity" or "Softmax")
            {
                var n = consumers[0];
                if (n.Domain.Length != 0) { reason = $"operator {n.OpType} of domain '{n.Domain}'"; return null; }
                if (n.OpType == "Softmax" && !LastAxis(n)) { reason = "Softmax over another axis than the last"; return null; }
                if (n.OpType != "Identity") ops.Add(n.OpType == "Sigmoid" ? PostOp.Sigmoid : PostOp.Softmax);
                names.Add(n.OpType);
                current = n.Output[0];
                used++;
                continue;
            }
            if (consumers.Count == 2 && Normalisation(graph, consumers, current) is { } next)
            {
                ops.Add(PostOp.Normalize);
                names.Add("Normalize");
                current = next;
                used += 2;
                continue;
            }
            string tailWhy = "it does not follow a Sigmoid of two tree outputs";
            if (consumers.Count == 2 && parsed.Value.Item1.Outputs == 2 && ops.Count > 0 && ops[^1] == PostOp.Sigmoid
                && TwoStageTail(graph, current, outputName, out tailWhy))
            {
                ops.Add(PostOp.TwoStage);
                names.Add("TwoStage");
                current = outputName;
                used += 6;
                continue;
            }
            else if (consumers.Count == 2 && consumers.All(c => c.OpType == "Slice"))
                { reason = $"a two-stage tail that is not the exported one ({tailWhy})"; return null; }
            { reason = $"'{current}' feeds {string.Join("+", consumers.Select(c => c.OpType))}, which is not compiled"; return null; }
        }
        if (used != graph.Node.Count) { reason = $"{graph.Node.Count - used} operator(s) outside the tree chain"; return null; }

        var (ensemble, baseValues) = parsed.Value;
        if (incremental && ensemble is PairedTreeEnsemble paired) ensemble = new IncrementalTreeEnsemble(paired, paired.TreeTargets, treeStates);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{ensemble.Trees} {ensemble.Layout}, depth {ensemble.Depth}, {ensemble.Outputs} outputs{(names.Count > 0 ? ", then " + string.Join("+", names) : "")}");
        return new CompiledTreeModel(ensemble, [.. ops], baseValues, description);
    }

    private static (TreeKernel, float[]?)? ParseRegressor(NodeProto n, List<PostOp> ops, out string reason, bool pairedWalks, bool incremental)
    {
        reason = "";
        if (Text(n, "post_transform", "NONE") != "NONE") { reason = "a regressor post transform"; return null; }
        string aggregate = Text(n, "aggregate_function", "SUM");
        if (aggregate is not ("SUM" or "AVERAGE")) { reason = $"aggregate function {aggregate}"; return null; }
        int outputs = (int)(Attr(n, "n_targets")?.I ?? 1);
        var ensemble = ParseTrees(n, "target", outputs, out reason, pairedWalks, incremental);
        if (ensemble is null) return null;
        if (aggregate == "AVERAGE") ops.Add(PostOp.AverageTrees);
        var baseValues = BaseValues(n, outputs, out reason, out bool bad);
        if (bad) return null;
        if (baseValues is not null) ops.Add(PostOp.AddBase);
        return (ensemble, baseValues);
    }

    private static (TreeKernel, float[]?)? ParseClassifier(NodeProto n, List<PostOp> ops, out string reason, bool pairedWalks, bool incremental)
    {
        reason = "";
        int classes = Math.Max(Attr(n, "classlabels_int64s")?.Ints.Count ?? 0, Attr(n, "classlabels_strings")?.Strings.Count ?? 0);
        // ORT treats one or two classes specially (a single score column, a synthesised second class).
        if (classes <= 2) { reason = $"a classifier with {classes} classes"; return null; }
        string post = Text(n, "post_transform", "NONE");
        if (post is not ("NONE" or "SOFTMAX" or "LOGISTIC")) { reason = $"classifier post transform {post}"; return null; }
        var ensemble = ParseTrees(n, "class", classes, out reason, pairedWalks, incremental, requireEveryOutput: true);
        if (ensemble is null) return null;
        var baseValues = BaseValues(n, classes, out reason, out bool bad);
        if (bad) return null;
        if (baseValues is not null) ops.Add(PostOp.AddBase);
        if (post == "SOFTMAX") ops.Add(PostOp.Softmax);
        else if (post == "LOGISTIC") ops.Add(PostOp.Logistic);
        return (ensemble, baseValues);
    }

    private static float[]? BaseValues(NodeProto n, int outputs, out string reason, out bool bad)
    {
        reason = "";
        bad = false;
        if (Attr(n, "base_values_as_tensor") is not null) { bad = true; reason = "base values as a tensor"; return null; }
        var b = Attr(n, "base_values");
        if (b is null || b.Floats.Count == 0) return null;
        if (b.Floats.Count != outputs) { bad = true; reason = $"{b.Floats.Count} base values for {outputs} outputs"; return null; }
        return [.. b.Floats];
    }

    private static TreeKernel? ParseTrees(NodeProto n, string prefix, int outputs, out string reason, bool pairedWalks, bool incremental, bool requireEveryOutput = false)
    {
        reason = "";
        if (Attr(n, "nodes_values_as_tensor") is not null || Attr(n, $"{prefix}_weights_as_tensor") is not null)
            { reason = "double-precision thresholds or weights"; return null; }
        if (Attr(n, "nodes_missing_value_tracks_true") is { } tracks && tracks.Ints.Any(v => v != 0))
            { reason = "missing-value tracks"; return null; }
        var treeIds = Ints(n, "nodes_treeids");
        var nodeIds = Ints(n, "nodes_nodeids");
        var featureIds = Ints(n, "nodes_featureids");
        var modes = Attr(n, "nodes_modes")?.Strings.Select(s => s.ToStringUtf8()).ToArray() ?? [];
        var values = Attr(n, "nodes_values")?.Floats.ToArray() ?? [];
        var trueIds = Ints(n, "nodes_truenodeids");
        var falseIds = Ints(n, "nodes_falsenodeids");
        int count = treeIds.Length;
        if (count == 0 || new[] { nodeIds.Length, featureIds.Length, modes.Length, values.Length, trueIds.Length, falseIds.Length }.Any(l => l != count))
            { reason = "node attributes of different lengths"; return null; }
        var branchModes = modes.Where(m => m != "LEAF").Distinct().ToArray();
        if (branchModes.Length > 1) { reason = $"mixed split modes ({string.Join(",", branchModes)})"; return null; }
        var comparison = branchModes.Length == 0 || branchModes[0] == "BRANCH_LEQ" ? TreeComparison.LessOrEqual
            : branchModes[0] == "BRANCH_LT" ? TreeComparison.Less : (TreeComparison?)null;
        if (comparison is null) { reason = $"split mode {branchModes[0]}"; return null; }

        var leafTree = Ints(n, $"{prefix}_treeids");
        var leafNode = Ints(n, $"{prefix}_nodeids");
        var leafTarget = Ints(n, $"{prefix}_ids");
        var leafWeight = Attr(n, $"{prefix}_weights")?.Floats.ToArray() ?? [];
        if (leafNode.Length != leafTree.Length || leafTarget.Length != leafTree.Length || leafWeight.Length != leafTree.Length)
            { reason = "leaf attributes of different lengths"; return null; }

        // Trees in the order their ids first appear (ORT's order on one thread).
        var order = new List<long>();
        var index = new Dictionary<(long Tree, long Node), int>();
        for (int i = 0; i < count; i++)
        {
            if (!index.TryAdd((treeIds[i], nodeIds[i]), i)) { reason = $"node {nodeIds[i]} of tree {treeIds[i]} twice"; return null; }
            if (order.Count == 0 || order[^1] != treeIds[i]) if (!order.Contains(treeIds[i])) order.Add(treeIds[i]);
        }
        var weights = new Dictionary<(long Tree, long Node), List<(int Target, float Weight)>>();
        var seen = new bool[outputs];
        for (int i = 0; i < leafTree.Length; i++)
        {
            if (leafTarget[i] < 0 || leafTarget[i] >= outputs) { reason = $"leaf weight for output {leafTarget[i]} of {outputs}"; return null; }
            var key = (leafTree[i], leafNode[i]);
            if (!index.TryGetValue(key, out int at) || modes[at] != "LEAF") { reason = $"a weight on node {key.Item2} of tree {key.Item1}, not a leaf"; return null; }
            var list = weights.TryGetValue(key, out var l) ? l : weights[key] = [];
            if (list.Exists(w => w.Target == leafTarget[i])) { reason = "two weights of one leaf for the same output"; return null; }
            list.Add(((int)leafTarget[i], leafWeight[i]));
            seen[leafTarget[i]] = true;
        }
        if (requireEveryOutput && Array.IndexOf(seen, false) >= 0) { reason = "a class no leaf scores"; return null; }

        // Roots, depths, and whether every tree adds to one output only.
        int trees = order.Count, depth = 0, features = 1;
        var roots = new int[trees];
        var target = new int[trees];
        bool singleTarget = true;
        for (int t = 0; t < trees; t++)
        {
            long id = order[t];
            var members = Enumerable.Range(0, count).Where(i => treeIds[i] == id).ToList();
            var children = new HashSet<long>(members.Where(i => modes[i] != "LEAF").SelectMany(i => new[] { trueIds[i], falseIds[i] }));
            var rootList = members.Where(i => !children.Contains(nodeIds[i])).ToList();
            if (rootList.Count != 1) { reason = $"tree {id} has {rootList.Count} roots"; return null; }
            roots[t] = rootList[0];
            int d = Depth(id, rootList[0], 0, index, modes, trueIds, falseIds);
            if (d < 0) { reason = $"tree {id} is deeper than {MaxDepth}, cyclic or has a dangling child"; return null; }
            depth = Math.Max(depth, d);
            target[t] = -1;
            foreach (int i in members)
            {
                if (modes[i] != "LEAF")
                {
                    if (featureIds[i] < 0) { reason = $"negative feature index in tree {id}"; return null; }
                    features = Math.Max(features, (int)featureIds[i] + 1);
                    continue;
                }
                if (!weights.TryGetValue((id, nodeIds[i]), out var w)) continue;
                if (w.Count != 1 || (target[t] >= 0 && target[t] != w[0].Target)) singleTarget = false;
                else target[t] = w[0].Target;
            }
            if (target[t] < 0) target[t] = 0;
        }

        int width = singleTarget ? 1 : outputs;
        // Served incrementally, the paired layout re-walks only the trees whose splits flipped since the symbol's previous
        // row, while a complete layout walks every tree on every row: a shallow dense ensemble (a depth-capped model)
        // served that way cost 4x the inference p50 of the incremental walk on the replay's rows (models/README). The
        // complete layout stays for stateless evaluation (incremental off), where it is the faster walk.
        bool sparse = depth > CompleteMaxDepth || (long)trees * ((2L << depth) - 1) > 4L * count;
        if ((sparse || incremental) && pairedWalks && features <= PairedTreeEnsemble.MaxFeatures && Paired(order, roots, depth, outputs, features, comparison.Value, width,
                singleTarget ? target : null, index, nodeIds, modes, featureIds, values, trueIds, falseIds, weights) is { } paired)
            return paired;
        if (sparse)
            return Compact(order, roots, depth, outputs, features, comparison.Value, width, singleTarget ? target : null,
                index, nodeIds, modes, featureIds, values, trueIds, falseIds, weights);
        int inner = (1 << depth) - 1, leaves = 1 << depth;
        var feature = new int[trees * inner];
        var threshold = new float[trees * inner];
        var leaf = new float[trees * leaves * width];
        for (int t = 0; t < trees; t++)
            Fill(order[t], roots[t], 0, 0, depth, t * inner, t * leaves, width, singleTarget, index, nodeIds, modes, featureIds, values, trueIds, falseIds, weights, feature, threshold, leaf);
        return new CompiledTreeEnsemble(trees, depth, outputs, features, comparison.Value, feature, threshold, leaf, singleTarget ? target : null);
    }

    // Pre-order per tree: splits numbered as met, leaves numbered as met; a child below zero is ~leaf.
    private static CompactTreeEnsemble Compact(List<long> order, int[] roots, int depth, int outputs, int features, TreeComparison comparison,
        int width, int[]? targets, Dictionary<(long, long), int> index, long[] nodeIds, string[] modes, long[] featureIds, float[] values,
        long[] trueIds, long[] falseIds, Dictionary<(long, long), List<(int Target, float Weight)>> weights)
    {
        var nodes = new List<CompactTreeEnsemble.Node>();
        var leaves = new List<float>();
        var rootIndex = new int[order.Count];
        for (int t = 0; t < order.Count; t++) rootIndex[t] = Place(order[t], roots[t]);
        return new CompactTreeEnsemble(depth, outputs, features, comparison, [.. nodes], rootIndex, [.. leaves], targets);

        int Place(long tree, int node)
        {
            if (modes[node] == "LEAF")
            {
                int leaf = leaves.Count / width;
                for (int k = 0; k < width; k++) leaves.Add(0f);
                if (weights.TryGetValue((tree, nodeIds[node]), out var w))
                    foreach (var (k, v) in w) leaves[leaf * width + (targets is null ? k : 0)] = v;
                return ~leaf;
            }
            int at = nodes.Count;
            nodes.Add(default);
            int yes = Place(tree, index[(tree, trueIds[node])]);
            int no = Place(tree, index[(tree, falseIds[node])]);
            nodes[at] = new CompactTreeEnsemble.Node { Feature = (int)featureIds[node], Threshold = values[node], True = yes, False = no };
            return at;
        }
    }

    // Pre-order per tree with the leaves inline (a split's "true" child next, its "false" child Skip nodes on); null
    // when a tree has more nodes than a 16-bit Skip reaches.
    private static PairedTreeEnsemble? Paired(List<long> order, int[] roots, int depth, int outputs, int features, TreeComparison comparison,
        int width, int[]? targets, Dictionary<(long, long), int> index, long[] nodeIds, string[] modes, long[] featureIds, float[] values,
        long[] trueIds, long[] falseIds, Dictionary<(long, long), List<(int Target, float Weight)>> weights)
    {
        var nodes = new List<PairedTreeEnsemble.Node>();
        var leaves = new List<float>();
        var rootIndex = new int[order.Count];
        for (int t = 0; t < order.Count; t++)
        {
            rootIndex[t] = nodes.Count;
            Place(order[t], roots[t]);
            if (nodes.Count - rootIndex[t] > PairedTreeEnsemble.MaxTreeNodes) return null;
        }
        return new PairedTreeEnsemble(depth, outputs, features, [.. nodes], rootIndex, [.. leaves], targets);

        void Place(long tree, int node)
        {
            int at = nodes.Count;
            nodes.Add(new PairedTreeEnsemble.Node { Threshold = float.NaN });
            for (int k = 0; k < width; k++) leaves.Add(0f);
            if (modes[node] == "LEAF")
            {
                if (weights.TryGetValue((tree, nodeIds[node]), out var w))
                    foreach (var (k, v) in w) leaves[at * width + (targets is null ? k : 0)] = v;
                return;
            }
            Place(tree, index[(tree, trueIds[node])]);
            int skip = nodes.Count - at;
            Place(tree, index[(tree, falseIds[node])]);
            float threshold = comparison == TreeComparison.Less ? PairedTreeEnsemble.Below(values[node]) : values[node];
            nodes[at] = new PairedTreeEnsemble.Node
            {
                Threshold = threshold, Feature = (ushort)featureIds[node], Skip = (ushort)Math.Min(skip, ushort.MaxValue),
            };
        }
    }

    private static int Depth(long tree, int node, int level, Dictionary<(long, long), int> index, string[] modes, long[] trueIds, long[] falseIds)
    {
        if (level > MaxDepth) return -1;
        if (modes[node] == "LEAF") return 0;
        if (!index.TryGetValue((tree, trueIds[node]), out int l) || !index.TryGetValue((tree, falseIds[node]), out int r)) return -1;
        int a = Depth(tree, l, level + 1, index, modes, trueIds, falseIds), b = Depth(tree, r, level + 1, index, modes, trueIds, falseIds);
        return a < 0 || b < 0 ? -1 : 1 + Math.Max(a, b);
    }

    // Writes source node `node` at breadth-first slot `slot` of a complete tree; a leaf above the last level becomes
    // a dummy split (feature 0) with the same leaf on both sides, so the walk's direction there does not matter.
    private static void Fill(long tree, int node, int slot, int level, int depth, int innerBase, int leafBase, int width, bool singleTarget,
        Dictionary<(long, long), int> index, long[] nodeIds, string[] modes, long[] featureIds, float[] values, long[] trueIds, long[] falseIds,
        Dictionary<(long, long), List<(int Target, float Weight)>> weights, int[] feature, float[] threshold, float[] leaf)
    {
        bool isLeaf = modes[node] == "LEAF";
        if (level == depth)
        {
            int at = (leafBase + slot - ((1 << depth) - 1)) * width;
            if (weights.TryGetValue((tree, nodeIds[node]), out var w))
                foreach (var (k, v) in w) leaf[at + (singleTarget ? 0 : k)] = v;
            return;
        }
        int left = node, right = node;
        if (!isLeaf)
        {
            feature[innerBase + slot] = (int)featureIds[node];
            threshold[innerBase + slot] = values[node];
            left = index[(tree, trueIds[node])];
            right = index[(tree, falseIds[node])];
        }
        Fill(tree, left, 2 * slot + 1, level + 1, depth, innerBase, leafBase, width, singleTarget, index, nodeIds, modes, featureIds, values, trueIds, falseIds, weights, feature, threshold, leaf);
        Fill(tree, right, 2 * slot + 2, level + 1, depth, innerBase, leafBase, width, singleTarget, index, nodeIds, modes, featureIds, values, trueIds, falseIds, weights, feature, threshold, leaf);
    }

    private static AttributeProto? Attr(NodeProto n, string name) => n.Attribute.FirstOrDefault(a => a.Name == name);

    private static long[] Ints(NodeProto n, string name) => Attr(n, name)?.Ints.ToArray() ?? [];

    private static string Text(NodeProto n, string name, string fallback) => Attr(n, name) is { } a ? a.S.ToStringUtf8() : fallback;

}
