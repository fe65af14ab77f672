using System.Text.Json;
using Google.Protobuf;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Models;

namespace HftScalper.Training.WarmStart;

/// <summary>
/// The model a warm start continues from: an exported direction classifier whose graph is ONE
/// <c>TreeEnsembleRegressor</c> of raw logits (no post transform) feeding a <c>Sigmoid</c> tail — two logits for
/// <see cref="DirectionForm.TwoStage"/> (move, up given move), three for <see cref="DirectionForm.OneVsRest"/> (down,
/// flat, up) — as <c>hft train</c> writes it. Trees are additive in that raw space, so a fine-tuned model is this graph
/// with more trees appended to the same node (<see cref="Compose"/>): the tail, the regime gates inside the base trees
/// and the graph shape the incremental evaluator serves are unchanged. Anything else (a stacked ensemble, a sequence
/// model, an imported graph with other node modes) is refused in one line.
/// </summary>
public sealed class BaseEnsemble
{
    private readonly ModelProto _proto;
    private readonly int _node;
    private readonly Tree[] _trees;
    private readonly double[] _baseValues;

    private BaseEnsemble(ModelProto proto, int node, Tree[] trees, double[] baseValues, ModelMetadata metadata, DirectionForm form, double moveOffset, string path)
    {
        _proto = proto;
        _node = node;
        _trees = trees;
        _baseValues = baseValues;
        Metadata = metadata;
        Form = form;
        MoveLogitOffset = moveOffset;
        Path = path;
    }

    /// <summary>The base model's metadata (schema hash and names, horizon, feature profile, labelling).</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>How the logits combine (2 logits: two-stage, 3: one-vs-rest).</summary>
    public DirectionForm Form { get; }

    /// <summary>Logits (= heads) of the ensemble.</summary>
    public int Outputs => _baseValues.Length;

    /// <summary>Input width (the schema's feature count).</summary>
    public int Width => Metadata.FeatureNames.Count;

    /// <summary>Trees of the base.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>Two-stage: the offset folded into the move logit (from the metrics' <c>moveLogitOffset</c>; 0 when absent).</summary>
    public double MoveLogitOffset { get; }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>Reads and checks <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming what does not fit.</summary>
    public static BaseEnsemble Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--warm-start: model '{path}' not found");
        ModelProto proto;
        using (var fs = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(fs);
        var props = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        string Refuse(string why) => $"--warm-start: {System.IO.Path.GetFileName(path)} cannot be warm-started: {why}";
        if (!ModelMetadata.IsPresent(props)) throw new InvalidDataException(Refuse("it carries no HftScalper metadata"));
        var metadata = ModelMetadata.Parse(props);
        if (metadata.InputKind != ModelInputKind.Tabular) throw new InvalidDataException(Refuse("it is a sequence model; a warm start continues a tree ensemble"));
        if (metadata.OutputKind != ModelOutputKind.Classification || !metadata.OutputNames.SequenceEqual(DirectionClass.Names))
            throw new InvalidDataException(Refuse($"it is not a direction classifier with classes {string.Join(",", DirectionClass.Names)}"));
        var graph = proto.Graph;
        var treeNodes = graph.Node.Select((n, i) => (n, i)).Where(x => x.n.OpType.StartsWith("TreeEnsemble", StringComparison.Ordinal)).ToList();
        if (treeNodes.Count != 1 || treeNodes[0].n.OpType != "TreeEnsembleRegressor")
            throw new InvalidDataException(Refuse($"its graph has {treeNodes.Count} tree ensemble node(s) ({string.Join(", ", treeNodes.Select(t => t.n.OpType))}); a warm start needs exactly one TreeEnsembleRegressor (a stacked ensemble is not one)"));
        var (node, index) = treeNodes[0];
        string logits = node.Output[0];
        var consumers = graph.Node.Where(n => n.Input.Contains(logits)).ToList();
        if (consumers.Count != 1 || consumers[0].OpType != "Sigmoid")
            throw new InvalidDataException(Refuse("its tree logits do not feed one Sigmoid (not a graph hft train writes)"));
        if (node.Input.Count != 1 || graph.Input.Count != 1 || node.Input[0] != graph.Input[0].Name)
            throw new InvalidDataException(Refuse("its trees do not read the model input directly"));
        var attr = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        string post = attr.TryGetValue("post_transform", out var pt) ? pt.S.ToStringUtf8() : "NONE";
        if (post != "NONE") throw new InvalidDataException(Refuse($"its trees have post_transform {post}"));
        string[] known = ["nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes", "nodes_values", "nodes_truenodeids", "nodes_falsenodeids",
            "target_treeids", "target_nodeids", "target_ids", "target_weights", "n_targets", "aggregate_function", "post_transform", "base_values"];
        if (attr.Keys.FirstOrDefault(k => !known.Contains(k)) is { } extra) throw new InvalidDataException(Refuse($"its trees use attribute '{extra}', which a warm start does not carry over"));
        if (attr.TryGetValue("aggregate_function", out var agg) && agg.S.ToStringUtf8() != "SUM") throw new InvalidDataException(Refuse("its trees do not sum"));
        int outputs = (int)attr["n_targets"].I;
        var form = outputs switch
        {
            2 => DirectionForm.TwoStage,
            3 => DirectionForm.OneVsRest,
            _ => throw new InvalidDataException(Refuse($"its trees give {outputs} logits (two-stage has 2, one-vs-rest 3)")),
        };
        var baseValues = new double[outputs];
        if (attr.TryGetValue("base_values", out var bv))
            for (int k = 0; k < outputs; k++) baseValues[k] = bv.Floats[k];
        var trees = Tree.Parse(attr, outputs, metadata.FeatureNames.Count, Refuse);
        double offset = 0;
        if (form == DirectionForm.TwoStage && !string.IsNullOrEmpty(metadata.ValidationMetricsJson))
        {
            using var doc = JsonDocument.Parse(metadata.ValidationMetricsJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("moveLogitOffset", out var o) && o.ValueKind == JsonValueKind.Number)
                offset = o.GetDouble();
        }
        return new BaseEnsemble(proto, index, trees, baseValues, metadata, form, offset, System.IO.Path.GetFullPath(path));
    }

    /// <summary>Raw logits (<see cref="Outputs"/> per row, row-major) of rows <paramref name="rows"/> of <paramref name="samples"/>,
    /// summed in double in the trees' order.</summary>
    public double[] Logits(FeatureMatrix samples, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Width != Width) throw new InvalidDataException($"rows are {samples.Width} features wide, the base model reads {Width}");
        var result = new double[rows.Count * Outputs];
        for (int i = 0; i < rows.Count; i++)
        {
            var x = samples.Row(rows[i]);
            var o = result.AsSpan(i * Outputs, Outputs);
            _baseValues.CopyTo(o);
            foreach (var t in _trees) t.Add(x, o);
        }
        return result;
    }

    /// <summary>
    /// The base graph with <paramref name="added"/> (trees of <see cref="Outputs"/>-wide leaves) appended to its tree
    /// node: raw logits = base + Σ added. With no tree added it is the base graph unchanged. Metadata is not touched
    /// (the caller replaces it).
    /// </summary>
    public ModelProto Compose(IReadOnlyList<TreeNode[]> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var proto = _proto.Clone();
        if (added.Count == 0) return proto;
        var node = proto.Graph.Node[_node];
        var extra = TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(Width, Outputs, added)).Graph.Node[0];
        var attr = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        long offset = attr["nodes_treeids"].Ints.Max() + 1;
        foreach (var a in extra.Attribute)
        {
            if (a.Name is "n_targets" or "aggregate_function" or "post_transform") continue;
            var into = attr[a.Name];
            if (a.Name is "nodes_treeids" or "target_treeids") into.Ints.AddRange(a.Ints.Select(t => t + offset));
            else if (a.Ints.Count > 0) into.Ints.AddRange(a.Ints);
            else if (a.Floats.Count > 0) into.Floats.AddRange(a.Floats);
            else into.Strings.AddRange(a.Strings);
        }
        return proto;
    }

    /// <summary>Class probabilities (down, flat, up) of raw logits, as the exported tail computes them (float).</summary>
    public static void Probabilities(DirectionForm form, ReadOnlySpan<double> logits, Span<float> row)
    {
        if (form == DirectionForm.TwoStage)
        {
            TwoStage.Compose(Sigmoid(logits[0]), Sigmoid(logits[1]), row);
            return;
        }
        float sum = 0;
        for (int k = 0; k < DirectionClass.Count; k++) sum += row[k] = Sigmoid(logits[k]);
        for (int k = 0; k < DirectionClass.Count; k++) row[k] /= sum;
    }

    private static float Sigmoid(double x) => (float)(1 / (1 + Math.Exp(-x)));

    // One tree of the ONNX node, laid out for a walk: split (feature, threshold, true, false) or a leaf's logit vector.
    private sealed class Tree
    {
        private readonly int[] _feature, _true, _false;
        private readonly float[] _threshold;
        private readonly double[]?[] _leaf;

        private Tree(int nodes, int outputs)
        {
            _feature = new int[nodes];
            _true = new int[nodes];
            _false = new int[nodes];
            _threshold = new float[nodes];
            _leaf = new double[]?[nodes];
        }

        public void Add(ReadOnlySpan<float> x, Span<double> o)
        {
            int n = 0;
            for (int steps = 0; _leaf[n] is null; steps++)
            {
                if (steps >= _leaf.Length) throw new InvalidDataException("--warm-start: a tree of the base model has a cycle");
                n = x[_feature[n]] <= _threshold[n] ? _true[n] : _false[n];
            }
            var v = _leaf[n]!;
            for (int k = 0; k < v.Length; k++) o[k] += v[k];
        }

        public static Tree[] Parse(Dictionary<string, AttributeProto> a, int outputs, int width, Func<string, string> refuse)
        {
            var treeIds = a["nodes_treeids"].Ints; var nodeIds = a["nodes_nodeids"].Ints; var features = a["nodes_featureids"].Ints;
            var modes = a["nodes_modes"].Strings; var values = a["nodes_values"].Floats; var trueIds = a["nodes_truenodeids"].Ints; var falseIds = a["nodes_falsenodeids"].Ints;
            int count = treeIds.Count;
            if (nodeIds.Count != count || features.Count != count || modes.Count != count || values.Count != count || trueIds.Count != count || falseIds.Count != count)
                throw new InvalidDataException(refuse("its node attributes differ in length"));
            var slots = new Dictionary<(long Tree, long Node), int>();
            var order = new List<long>();
            var sizes = new Dictionary<long, int>();
            for (int i = 0; i < count; i++)
            {
                if (!sizes.ContainsKey(treeIds[i])) { sizes[treeIds[i]] = 0; order.Add(treeIds[i]); }
                slots[(treeIds[i], nodeIds[i])] = sizes[treeIds[i]]++;
            }
            var trees = order.ToDictionary(t => t, t => new Tree(sizes[t], outputs));
            for (int i = 0; i < count; i++)
            {
                var tree = trees[treeIds[i]];
                int slot = slots[(treeIds[i], nodeIds[i])];
                string mode = modes[i].ToStringUtf8();
                if (mode == "LEAF") { tree._leaf[slot] = new double[outputs]; continue; }
                if (mode != "BRANCH_LEQ") throw new InvalidDataException(refuse($"its trees use node mode {mode} (only BRANCH_LEQ is carried over)"));
                if (features[i] < 0 || features[i] >= width) throw new InvalidDataException(refuse($"a split reads feature {features[i]} of {width}"));
                if (!slots.TryGetValue((treeIds[i], trueIds[i]), out int t) || !slots.TryGetValue((treeIds[i], falseIds[i]), out int f))
                    throw new InvalidDataException(refuse("a split points outside its tree"));
                tree._feature[slot] = (int)features[i];
                tree._threshold[slot] = values[i];
                tree._true[slot] = t;
                tree._false[slot] = f;
            }
            var lt = a["target_treeids"].Ints; var ln = a["target_nodeids"].Ints; var lk = a["target_ids"].Ints; var lw = a["target_weights"].Floats;
            for (int i = 0; i < lt.Count; i++)
            {
                if (!trees.TryGetValue(lt[i], out var tree) || !slots.TryGetValue((lt[i], ln[i]), out int slot) || tree._leaf[slot] is not { } leaf || lk[i] < 0 || lk[i] >= outputs)
                    throw new InvalidDataException(refuse("a leaf weight points at no leaf"));
                leaf[lk[i]] += lw[i];
            }
            return [.. order.Select(t => trees[t])];
        }
    }
}
