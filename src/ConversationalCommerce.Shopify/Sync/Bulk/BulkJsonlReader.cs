using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Sync.Bulk;

/// <summary>A root object of a bulk result with the child lines that followed it; <see cref="EndLine"/> is its last line (1-based).</summary>
public sealed class BulkRecord(JsonElement root, long endLine)
{
    public JsonElement Root { get; } = root;
    public List<JsonElement> Children { get; } = [];
    public long EndLine { get; set; } = endLine;
}

public sealed class BulkFileException(long line, string message) : Exception($"Bulk result line {line}: {message}")
{
    public long Line { get; } = line;
}

/// <summary>
/// Reads a bulk operation's JSONL result line by line from a stream (never the whole file in memory) and groups each
/// root object with its children: Shopify writes children (lines with <c>__parentId</c>) right after their parent.
/// </summary>
public static class BulkJsonlReader
{
    public static async IAsyncEnumerable<BulkRecord> ReadAsync(Stream stream, long skipLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        long line = 0;
        // Resuming: these lines were applied before; skipping always lands on a record boundary.
        while (line < skipLines && await reader.ReadLineAsync(cancellationToken) is not null) line++;

        BulkRecord? current = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement element;
            try
            {
                element = JsonSerializer.Deserialize<JsonElement>(text);
            }
            catch (JsonException ex)
            {
                throw new BulkFileException(line, "not valid JSON (" + ex.Message + ")");
            }
            if (element.ValueKind != JsonValueKind.Object) throw new BulkFileException(line, "not a JSON object");

            if (element.TryGetProperty("__parentId", out _))
            {
                if (current is null) throw new BulkFileException(line, "a child line before any parent");
                current.Children.Add(element);
                current.EndLine = line;
            }
            else
            {
                if (current is not null) yield return current;
                current = new BulkRecord(element, line);
            }
        }
        if (current is not null) yield return current;
    }
}
