using System.Runtime.InteropServices;
using FeedEngine.Inference.TestModels.Onnx;
using Google.Protobuf;

namespace FeedEngine.Inference.TestModels;

/// <summary>Builds an ONNX graph node by node; names every intermediate value itself.</summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    public const int FloatType = 1;
    public const int Int32Type = 6;
    public const int Int64Type = 7;

    readonly GraphProto graph = new() { Name = graphName };
    int next;

    public string Node(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        NodeWithOutput(opType, inputs, $"{opType.ToLowerInvariant()}_{next++}", attributes);

    public string NodeWithOutput(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{next++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    public string Weights(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = FloatType, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64Constant(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = Int64Type };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return name;
    }

    public string ScalarInt64(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = Int64Type };
        tensor.Int64Data.Add(value);
        graph.Initializer.Add(tensor);
        return name;
    }

    public string ScalarFloat(string name, float value) => Weights(name, [value]);

    /// <summary>A graph input; each dimension is a fixed size (long) or a symbolic name (string).</summary>
    public string Input(string name, int elementType, params object[] dims)
    {
        graph.Input.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    public void Output(string name, int elementType, params object[] dims) => graph.Output.Add(ValueInfo(name, elementType, dims));

    public ModelProto ToModel(string producer, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, ProducerVersion = "1", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto FloatAttr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto TensorAttr(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    static ValueInfoProto ValueInfo(string name, int elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"Dimension {dim} is neither a size nor a symbol.", nameof(dims)),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }
}
