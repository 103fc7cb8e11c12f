using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Moves values between the pipeline's float arrays and the element types an export declares: exports differ
/// (float32 or float16 latents and hidden states; int32 or int64 token ids; a float, half or int64 timestep,
/// as a scalar or one per image), so every input is built in the type and rank its graph asks for.
/// </summary>
internal static class DiffusionTensors
{
    public static OrtValue Floats(float[] values, long[] shape, TensorElementType type, string what) => type switch
    {
        TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(values, shape),
        TensorElementType.Float16 => OrtValue.CreateTensorValueFromMemory(ToHalf(values), shape),
        _ => throw new ModelLoadException($"{what} is {type}; FeedEngine feeds float or float16 there."),
    };

    public static OrtValue Ids(int[] ids, TensorElementType type, string what) => type switch
    {
        TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]),
        TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), [1, (long)ids.Length]),
        _ => throw new ModelLoadException($"{what} is {type}; FeedEngine feeds int32 or int64 token ids."),
    };

    /// <summary>The timestep as the UNet declares it: a scalar or a one-element vector, in its element type.</summary>
    public static OrtValue Timestep(double timestep, NodeMetadata input)
    {
        long[] shape = input.Dimensions.Length == 0 ? [] : [1];
        return input.ElementDataType switch
        {
            TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(new[] { (float)timestep }, shape),
            TensorElementType.Float16 => OrtValue.CreateTensorValueFromMemory(new[] { (Float16)(float)timestep }, shape),
            TensorElementType.Double => OrtValue.CreateTensorValueFromMemory(new[] { timestep }, shape),
            TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(new[] { (long)Math.Round(timestep) }, shape),
            TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(new[] { (int)Math.Round(timestep) }, shape),
            var other => throw new ModelLoadException($"The UNet's timestep is {other}; FeedEngine feeds float, float16, double, int32 or int64."),
        };
    }

    /// <summary>A tensor's values as floats (float32 read as is, float16 widened).</summary>
    public static float[] ReadFloats(OrtValue value, string what)
    {
        var type = value.GetTensorTypeAndShape().ElementDataType;
        return type switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Float16 => ToSingle(value.GetTensorDataAsSpan<Float16>()),
            _ => throw new ModelLoadException($"{what} is {type}; FeedEngine reads float or float16 there."),
        };
    }

    public static long[] Shape(OrtValue value) => value.GetTensorTypeAndShape().Shape;

    static Float16[] ToHalf(float[] values)
    {
        var half = new Float16[values.Length];
        for (var i = 0; i < values.Length; i++)
            half[i] = (Float16)values[i];
        return half;
    }

    static float[] ToSingle(ReadOnlySpan<Float16> values)
    {
        var single = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
            single[i] = (float)values[i];
        return single;
    }
}
