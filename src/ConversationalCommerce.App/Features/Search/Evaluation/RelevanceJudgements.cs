using System.Globalization;

namespace ConversationalCommerce.App.Features.Search.Evaluation;

public sealed record EvalQuery(string Id, string Text);

/// <summary>Reads the data set's queries (query_id TAB query) and graded labels (query_id TAB handle TAB grade).</summary>
public static class RelevanceJudgements
{
    public static IReadOnlyList<EvalQuery> ReadQueries(string path) =>
        Rows(path, 2).Select(r => new EvalQuery(r.Cells[0], r.Cells[1])).ToList();

    /// <summary>Grades per query id, then per product handle (lower case).</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, int>> ReadLabels(string path)
    {
        var labels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (line, cells) in Rows(path, 3))
        {
            if (!int.TryParse(cells[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
                throw new FormatException($"{Path.GetFileName(path)} line {line}: grade '{cells[2]}' is not a whole number.");
            if (!labels.TryGetValue(cells[0], out var grades)) labels[cells[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
            grades[cells[1].ToLowerInvariant()] = grade;
        }
        return labels;
    }

    /// <summary>Tab-separated rows after the header line, each with at least <paramref name="columns"/> cells.</summary>
    private static IEnumerable<(int Line, string[] Cells)> Rows(string path, int columns)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (number == 1 || string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split('\t');
            if (cells.Length < columns)
                throw new FormatException($"{Path.GetFileName(path)} line {number}: expected {columns} tab-separated columns, found {cells.Length}.");
            yield return (number, cells.Select(c => c.Trim()).ToArray());
        }
    }
}
