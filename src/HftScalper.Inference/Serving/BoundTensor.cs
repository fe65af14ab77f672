using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Serving;

/// <summary>
/// A model input or output backed by one pinned array sized for the largest batch: <c>[MaxBatch, trailing dims]</c>.
/// The array is allocated on the pinned object heap, so native views over it stay valid for the model's lifetime.
/// </summary>
internal sealed class BoundTensor
{
    private readonly long[] _trailingDims;

    public BoundTensor(string name, TensorElementType type, long[] trailingDims, int maxBatch)
    {
        Name = name;
        ElementType = type;
        _trailingDims = trailingDims;
        long width = 1;
        foreach (var d in trailingDims) width *= d;
        Width = checked((int)width);
        ElementSize = type switch
        {
            TensorElementType.Float or TensorElementType.Int32 => 4,
            TensorElementType.Double or TensorElementType.Int64 => 8,
            _ => throw new NotSupportedException($"tensor '{name}' has element type {type}; only float, double, int32, int64 are served"),
        };
        Buffer = GC.AllocateArray<byte>(checked(maxBatch * Width * ElementSize), pinned: true);
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    /// <summary>Elements per batch row (product of the non-batch dimensions).</summary>
    public int Width { get; }

    public int ElementSize { get; }

    /// <summary>The pinned storage for <c>MaxBatch</c> rows.</summary>
    public byte[] Buffer { get; }

    /// <summary>The storage as floats (valid for float tensors).</summary>
    public Span<float> Floats => MemoryMarshal.Cast<byte, float>(Buffer.AsSpan());

    /// <summary>A tensor view of the first <paramref name="batch"/> rows. Allocates: called at warm-up only.</summary>
    public unsafe OrtValue CreateView(int batch)
    {
        var shape = new long[_trailingDims.Length + 1];
        shape[0] = batch;
        _trailingDims.CopyTo(shape, 1);
        var ptr = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Buffer));
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, ElementType, shape, ptr, (long)batch * Width * ElementSize);
    }
}
