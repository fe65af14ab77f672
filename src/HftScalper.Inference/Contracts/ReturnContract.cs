namespace HftScalper.Inference.Contracts;

/// <summary>Where a return regressor's value is: the output tensor, its width and the column of the one target.</summary>
/// <param name="Tensor">The regression output tensor.</param>
/// <param name="Width">Its columns (1).</param>
/// <param name="Column">Column of the target.</param>
/// <param name="Target">Target name from the metadata (e.g. <c>forward_mid_change_ticks</c>).</param>
public sealed record ReturnContract(string Tensor, int Width, int Column, string Target);
