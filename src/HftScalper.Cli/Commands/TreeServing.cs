using HftScalper.Inference.Serving;

namespace HftScalper.Cli.Commands;

/// <summary>
/// How the CLI serves its models, from the environment, so two evaluators can be compared on the same run and build:
/// <c>HFT_TREE_EVALUATOR=onnxruntime</c> serves a tree ensemble with ONNX Runtime, <c>=shared</c> with the compiled
/// incremental evaluator keeping one state for every symbol's rows (the session-13 behaviour); unset = compiled, one
/// state per symbol. <c>HFT_SEQUENCE_EVALUATOR=onnxruntime</c> scores a transformer's windows with ONNX Runtime.
/// Applies to the direction model and the return regressor alike.
/// </summary>
internal static class TreeServing
{
    /// <summary>The serving options the environment asks for.</summary>
    public static ServingOptions Options()
    {
        string? trees = Environment.GetEnvironmentVariable("HFT_TREE_EVALUATOR");
        bool onnxRuntime = string.Equals(trees, "onnxruntime", StringComparison.OrdinalIgnoreCase);
        bool shared = string.Equals(trees, "shared", StringComparison.OrdinalIgnoreCase);
        bool compileSequences = !string.Equals(Environment.GetEnvironmentVariable("HFT_SEQUENCE_EVALUATOR"), "onnxruntime", StringComparison.OrdinalIgnoreCase);
        var defaults = new ServingOptions();
        return defaults with { CompileTrees = !onnxRuntime, CompileSequences = compileSequences, TreeStates = shared ? 0 : defaults.TreeStates };
    }
}
