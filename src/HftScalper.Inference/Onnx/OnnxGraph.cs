using Google.Protobuf;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>
/// Small helpers to assemble ONNX graphs: tensors, value infos with a dynamic batch dimension, attributes, nodes and
/// the model envelope pinned to the IR/opset versions ONNX Runtime 1.31 accepts.
/// </summary>
public static class OnnxGraph
{
    /// <summary>IR version written into every model (ORT 1.31 rejects newer IRs such as 14).</summary>
    public const long IrVersion = 8;

    /// <summary>Default-domain (ai.onnx) opset.</summary>
    public const long Opset = 17;

    /// <summary>Domain of the classical-ML operators (tree ensembles).</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>ai.onnx.ml opset (TreeEnsembleRegressor/Classifier version 3).</summary>
    public const long MlOpset = 3;

    /// <summary>Name of the symbolic batch dimension.</summary>
    public const string BatchDim = "batch";

    /// <summary>Name of the model input every builder writes.</summary>
    public const string InputName = "features";

    /// <summary>Name of the float score output (probabilities or regression values) every builder writes.</summary>
    public const string ScoresName = "scores";

    /// <summary>Name of the int64 label output of tree classifiers.</summary>
    public const string LabelName = "label";

    /// <summary>Wraps a graph into a model with our IR version and opsets (plus ai.onnx.ml when asked).</summary>
    public static ModelProto Model(GraphProto graph, bool usesMlDomain, string producerVersion = "0.1.0")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "HftScalper",
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (usesMlDomain) model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = MlOpset });
        return model;
    }

    /// <summary>A float initializer with the given dims (row-major data).</summary>
    public static TensorProto FloatTensor(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> data)
    {
        long count = 1;
        foreach (var d in dims) count *= d;
        if (count != data.Length) throw new ArgumentException($"tensor '{name}': dims hold {count} values, data has {data.Length}");
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        foreach (var d in dims) t.Dims.Add(d);
        foreach (var v in data) t.FloatData.Add(v);
        return t;
    }

    /// <summary>An int64 initializer with the given dims.</summary>
    public static TensorProto Int64Tensor(string name, ReadOnlySpan<long> dims, ReadOnlySpan<long> data)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        foreach (var d in dims) t.Dims.Add(d);
        foreach (var v in data) t.Int64Data.Add(v);
        return t;
    }

    /// <summary>A float initializer's values, from <c>float_data</c> or <c>raw_data</c> (the two ways a file stores them).</summary>
    public static float[] Floats(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.FloatData.Count > 0 ? [.. tensor.FloatData] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }

    /// <summary>An int64 initializer's values, from <c>int64_data</c> or <c>raw_data</c>.</summary>
    public static long[] Int64s(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Int64Data.Count > 0 ? [.. tensor.Int64Data] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray();
    }

    /// <summary>A tensor value info whose first dimension is the symbolic batch and the rest are fixed.</summary>
    public static ValueInfoProto BatchedTensor(string name, TensorProto.Types.DataType type, params long[] trailingDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDim });
        foreach (var d in trailingDims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>A node of the given operator type.</summary>
    public static NodeProto Node(string opType, string name, string[] inputs, string[] outputs, string domain = "", params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = opType, Name = name, Domain = domain };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attributes);
        return n;
    }

    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>A FLOATS attribute.</summary>
    public static AttributeProto Floats(string name, IEnumerable<float> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }

    /// <summary>A STRINGS attribute (UTF-8).</summary>
    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        foreach (var v in values) a.Strings.Add(ByteString.CopyFromUtf8(v));
        return a;
    }
}
