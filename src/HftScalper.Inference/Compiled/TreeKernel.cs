namespace HftScalper.Inference.Compiled;

/// <summary>A flattened tree ensemble: adds every tree's leaf for a row, in tree order, in single precision.</summary>
internal abstract class TreeKernel
{
    /// <summary>Trees in the ensemble.</summary>
    public abstract int Trees { get; }

    /// <summary>Deepest tree.</summary>
    public abstract int Depth { get; }

    /// <summary>Values per row (targets or classes).</summary>
    public abstract int Outputs { get; }

    /// <summary>Input width the splits need (largest feature index + 1).</summary>
    public abstract int Features { get; }

    /// <summary>The layout, for the load log line.</summary>
    public abstract string Layout { get; }

    /// <summary>Adds every tree's leaf for <paramref name="row"/> into <paramref name="sums"/> (Outputs wide, zeroed by the caller), in tree order.</summary>
    public abstract void Accumulate(ReadOnlySpan<float> row, Span<float> sums);

    /// <summary>As <see cref="Accumulate(ReadOnlySpan{float}, Span{float})"/> for a row of <paramref name="stream"/>
    /// (its symbol; -1 = none): a kernel that keeps the previous row keeps one per stream; the others ignore it.</summary>
    public virtual void Accumulate(ReadOnlySpan<float> row, Span<float> sums, int stream) => Accumulate(row, sums);
}
