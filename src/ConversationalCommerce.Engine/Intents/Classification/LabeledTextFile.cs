namespace ConversationalCommerce.Engine.Intents.Classification;

/// <summary>Reads labelled sentences from TSV with a <c>text&lt;TAB&gt;label</c> header.</summary>
public static class LabeledTextFile
{
    public static IReadOnlyList<LabeledText> Read(string path) => Parse(File.ReadLines(path), path);

    public static IReadOnlyList<LabeledText> Parse(string content, string source) =>
        Parse(content.Split('\n'), source);

    public static IReadOnlyList<LabeledText> Parse(IEnumerable<string> lines, string source)
    {
        var result = new List<LabeledText>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (lineNumber == 1)
            {
                if (!line.Equals("text\tlabel", StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"{source}: the first line must be the header 'text<TAB>label'.");
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || tab == line.Length - 1)
                throw new FormatException($"{source}:{lineNumber}: expected 'text<TAB>label'.");
            result.Add(new LabeledText(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }
        if (result.Count == 0) throw new FormatException($"{source}: no examples.");
        return result;
    }
}
