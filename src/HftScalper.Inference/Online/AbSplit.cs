namespace HftScalper.Inference.Online;

/// <summary>What an <see cref="AbRouter"/> hashes: the symbol (a symbol stays in one arm for the whole run) or the decision.</summary>
public enum AbSplit
{
    /// <summary>Hash of the symbol id: every decision of a symbol goes to the same arm (sticky).</summary>
    Symbol = 0,

    /// <summary>Hash of the decision's sequence number: decisions of one symbol are spread over both arms.</summary>
    Decision = 1,
}
