namespace HftScalper.Inference.Metadata;

/// <summary>
/// One float output of a model as its metadata declares it: the tensor, what its columns mean and their names (one
/// per column). A model's first head is <see cref="ModelMetadata.OutputTensor"/> with <see cref="ModelMetadata.OutputKind"/>
/// and <see cref="ModelMetadata.OutputNames"/>; a model with several outputs (e.g. a sequence model giving direction
/// probabilities and an expected return) lists the others in <see cref="ModelMetadata.AdditionalOutputs"/>.
/// </summary>
/// <param name="Tensor">Name of the float output tensor <c>[B, Names.Count]</c>.</param>
/// <param name="Kind">Class probabilities or regression values.</param>
/// <param name="Names">Class names (classification) or target names (regression), in column order.</param>
public sealed record ModelOutputHead(string Tensor, ModelOutputKind Kind, IReadOnlyList<string> Names);
