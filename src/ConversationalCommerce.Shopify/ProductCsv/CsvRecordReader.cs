using System.Text;

namespace ConversationalCommerce.Shopify.ProductCsv;

/// <summary>One CSV record with the physical line it starts on (1-based), so errors can name the line a merchant sees.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// Streams RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks (Shopify's Body (HTML)).
/// A quote left open at the end of the file is reported instead of swallowing the rest silently.
/// </summary>
public static class CsvRecordReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordStart = 1;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (ch == '\n') line++;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { cell.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else if (ch != '\r') cell.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; any = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    if (any || row.Count > 1 || row[0].Length > 0) yield return new CsvRecord(recordStart, row);
                    row = [];
                    any = false;
                    recordStart = line;
                    break;
                default: cell.Append(ch); any = true; break;
            }
        }
        if (quoted)
            throw new CsvFormatException(recordStart, "a quoted cell is never closed");
        if (any || cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            yield return new CsvRecord(recordStart, row);
        }
    }
}

public sealed class CsvFormatException(int line, string reason) : FormatException($"line {line}: {reason}")
{
    public int Line { get; } = line;
}
