using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Replay;
using HftScalper.Reporting;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>Real models over the engine's default schema, the simulator as a source, and pipeline runs.</summary>
public sealed class PipelineFixture : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("hft-pipeline-tests-").FullName;

    public static ModelMetadata Metadata(string name = "pipeline-test", string? schemaHash = null) => new(
        Name: name, Version: "1", SchemaHash: schemaHash ?? FeatureEngine.DefaultSchema.Hash,
        FeatureNames: [.. FeatureEngine.DefaultSchema.Features.Select(f => f.Name)],
        InputKind: ModelInputKind.Tabular, SequenceLength: 1, OutputKind: ModelOutputKind.Classification,
        OutputNames: ["down", "flat", "up"], OutputTensor: OnnxGraph.ScoresName, Horizon: TimeSpan.FromSeconds(5),
        TrainFrom: DateTimeOffset.UnixEpoch, TrainTo: DateTimeOffset.UnixEpoch, ValidationMetricsJson: "{}",
        CreatedUtc: DateTimeOffset.UnixEpoch, DataDescription: "random weights for pipeline tests");

    /// <summary>A seeded random tree ensemble (softmax over down/flat/up) reading the default feature row.</summary>
    public string TreeModel(int seed = 7, int trees = 20, int depth = 4, bool nanLeaves = false, string? schemaHash = null, string? file = null)
    {
        var rng = new Random(seed);
        int f = FeatureEngine.DefaultSchema.Count;
        var list = new List<TreeNode[]>();
        int internalNodes = (1 << depth) - 1, total = (1 << (depth + 1)) - 1;
        for (int t = 0; t < trees; t++)
        {
            var nodes = new TreeNode[total];
            for (int n = 0; n < total; n++)
            {
                nodes[n] = n < internalNodes
                    ? TreeNode.Split(rng.Next(f), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2)
                    : nanLeaves ? TreeNode.Leaf([float.NaN, float.NaN, float.NaN])
                    : TreeNode.Leaf([(float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5)]);
            }
            list.Add(nodes);
        }
        var ensemble = new TreeEnsemble(f, 3, list, [0f, 0f, 0f]);
        var path = Path.Combine(Dir, file ?? $"trees-{seed}.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildClassifier(ensemble, [0, 1, 2], softmax: true), Metadata(schemaHash: schemaHash), path);
        return path;
    }

    /// <summary>
    /// A copy of the model at <paramref name="path"/> whose classes are listed in another order: a Gather at the end of
    /// the graph reorders the score columns (column i = the model's column <c>order[i]</c>) and the metadata's class
    /// names follow, so the file says exactly what it computes. Same numbers, other columns.
    /// </summary>
    public string WithClassOrder(string path, int[] order, string file)
    {
        var proto = Inference.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var md = ModelMetadata.Parse(proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value));
        foreach (var node in proto.Graph.Node)
            for (int i = 0; i < node.Output.Count; i++)
                if (node.Output[i] == md.OutputTensor) node.Output[i] = "scores_in_model_order";
        proto.Graph.Initializer.Add(OnnxGraph.Int64Tensor("class_order", [order.Length], [.. order.Select(o => (long)o)]));
        proto.Graph.Node.Add(OnnxGraph.Node("Gather", "class_order", ["scores_in_model_order", "class_order"], [md.OutputTensor], "", OnnxGraph.Int("axis", 1)));
        var dest = Path.Combine(Dir, file);
        OnnxModelFile.Save(proto, md with { OutputNames = [.. order.Select(o => md.OutputNames[o])] }, dest);
        return dest;
    }

    /// <summary>A seeded random one-target tree regressor (a return model) over the default feature row.</summary>
    public string ReturnModel(int seed = 3)
    {
        var rng = new Random(seed);
        int f = FeatureEngine.DefaultSchema.Count;
        var nodes = new TreeNode[7];
        for (int n = 0; n < 7; n++)
            nodes[n] = n < 3 ? TreeNode.Split(rng.Next(f), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2) : TreeNode.Leaf([(float)rng.NextDouble()]);
        var path = Path.Combine(Dir, $"return-{seed}.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(f, 1, [nodes], [0f])),
            Metadata("return-test") with { OutputKind = ModelOutputKind.Regression, OutputNames = ["forward_mid_change_ticks"] }, path);
        return path;
    }

    public static ModelSession Load(string path, int maxBatch = 32)
    {
        var s = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(maxBatch), NullLogger.Instance).Load(path);
        s.Warmup();
        return s;
    }

    public static ReplaySource Simulator(SymbolRegistry registry, double minutes = 2, ulong seed = 1) =>
        new(ReplayFormat.Unknown, new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(minutes), Seed = seed }, registry));

    public static PipelineResult Run(ReplaySource source, SymbolRegistry registry, IDecisionModelSource models, PipelineOptions? options = null) =>
        Run(source, registry, models, out _, options);

    /// <summary>A run observed by the report's recorders, as the CLI runs it (so every run here covers the observer calls too).</summary>
    public static PipelineResult Run(ReplaySource source, SymbolRegistry registry, IDecisionModelSource models, out RunRecorder recorder, PipelineOptions? options = null)
    {
        recorder = new RunRecorder();
        using (source)
            return new TradingPipeline(registry, options ?? new PipelineOptions { WarmupEvents = 10_000 }, models, NullLogger.Instance,
                new PipelineHooks { Observer = recorder }).Run(source.Feed(registry, "binance-spot"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
