using System.Runtime.InteropServices;
using System.Text;

namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// Reads one float initializer (a weight tensor) out of an ONNX model file without an inference runtime: a forward
/// walk over the protobuf fields that ONNX fixes in its spec (ModelProto.graph = 7, GraphProto.initializer = 5,
/// TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9), skipping every other field by its length, so only
/// the wanted tensor is ever held in memory.
/// </summary>
public static class OnnxInitializerReader
{
    private const int GraphField = 7;
    private const int InitializerField = 5;
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int FloatType = 1;

    /// <summary>The first float initializer whose name contains <paramref name="nameFragment"/>: its shape and row-major values.</summary>
    public static (int[] Shape, float[] Values) ReadFloatTensor(Stream model, string nameFragment, CancellationToken cancellationToken = default)
    {
        if (!model.CanSeek) throw new ArgumentException("The model stream must be seekable.", nameof(model));
        var end = model.Length;
        while (model.Position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (field, length) = ReadField(model);
            if (field != GraphField || length < 0) { Skip(model, length); continue; }
            var graphEnd = model.Position + length;
            while (model.Position < graphEnd)
            {
                var (graphField, graphLength) = ReadField(model);
                if (graphField != InitializerField || graphLength < 0) { Skip(model, graphLength); continue; }
                var tensor = ReadTensor(model, model.Position + graphLength, nameFragment);
                if (tensor is { } found) return found;
            }
        }
        throw new InvalidDataException($"The model has no float initializer named like '{nameFragment}'.");
    }

    /// <summary>The tensor if its name matches (else null, with the stream at its end).</summary>
    private static (int[] Shape, float[] Values)? ReadTensor(Stream model, long tensorEnd, string nameFragment)
    {
        var shape = new List<int>();
        string? name = null;
        var dataType = 0;
        long rawStart = -1, rawLength = 0;
        while (model.Position < tensorEnd)
        {
            var key = ReadVarint(model);
            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            if (wire == 0)
            {
                var value = ReadVarint(model);
                if (field == DimsField) shape.Add(checked((int)value));
                else if (field == DataTypeField) dataType = (int)value;
                continue;
            }
            var length = SkipLength(model, wire);
            if (wire != 2) continue;
            if (field == DimsField)
            {
                // Packed dims.
                var packedEnd = model.Position + length;
                while (model.Position < packedEnd) shape.Add(checked((int)ReadVarint(model)));
            }
            else if (field == NameField)
            {
                var bytes = new byte[length];
                model.ReadExactly(bytes);
                name = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                if (field == RawDataField) (rawStart, rawLength) = (model.Position, length);
                model.Seek(length, SeekOrigin.Current);
            }
        }
        if (name is null || !name.Contains(nameFragment, StringComparison.Ordinal) || dataType != FloatType || rawStart < 0) return null;
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count * sizeof(float) != rawLength) throw new InvalidDataException($"Initializer {name} has {rawLength} bytes for shape {string.Join('x', shape)}.");
        var values = new float[count];
        var resume = model.Position;
        model.Position = rawStart;
        model.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        model.Position = resume;
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        return ([.. shape], values);
    }

    /// <summary>The next field's number and, for length-delimited fields, its length (else -1 after skipping the value).</summary>
    private static (int Field, long Length) ReadField(Stream model)
    {
        var key = ReadVarint(model);
        var wire = (int)(key & 7);
        var length = SkipLength(model, wire);
        return ((int)(key >> 3), wire == 2 ? length : -1);
    }

    /// <summary>For wire type 2 the length to follow; other types are skipped here.</summary>
    private static long SkipLength(Stream model, int wire)
    {
        switch (wire)
        {
            case 0: ReadVarint(model); return 0;
            case 1: model.Seek(8, SeekOrigin.Current); return 0;
            case 2: return checked((long)ReadVarint(model));
            case 5: model.Seek(4, SeekOrigin.Current); return 0;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wire}.");
        }
    }

    private static void Skip(Stream model, long length)
    {
        if (length > 0) model.Seek(length, SeekOrigin.Current);
    }

    private static ulong ReadVarint(Stream model)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = model.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("Malformed protobuf varint.");
    }
}
