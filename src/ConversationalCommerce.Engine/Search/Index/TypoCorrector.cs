namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>
/// Finds catalog terms within a small edit distance of a misspelt query term, by the symmetric-delete method:
/// every catalog term is filed under itself and its one-letter deletions, so a lookup costs a few dictionary
/// probes instead of a scan of the vocabulary. Built on first use per index snapshot.
/// </summary>
internal sealed class TypoCorrector
{
    private const int MinLength = 4;
    /// <summary>Long words get a second edit ("vinpositine" for "vinpocetine") when one edit finds nothing.</summary>
    private const int TwoEditMinLength = 8;
    private readonly Dictionary<string, List<int>> _byDeletion = new(StringComparer.Ordinal);
    private readonly string[] _terms;
    /// <summary>Correctable terms by first letter, for the two-edit scan.</summary>
    private readonly Dictionary<char, List<int>> _byFirstLetter = [];

    /// <param name="terms">The index's terms by id.</param>
    public TypoCorrector(IReadOnlyList<Posting[]> postings, string[] terms)
    {
        _terms = terms;
        for (var id = 0; id < terms.Length; id++)
        {
            var term = terms[id];
            // Correct only towards words that name things (title, type, tags, vendor, options, collections) or that
            // several products share: a word seen once in one long description is more likely noise than intent.
            if (term.Length < MinLength - 1 || !term.All(char.IsLetter)) continue;
            if (postings[id].Length < 2 && !postings[id].Any(p => (p.Fields & ~(1 << (int)ProductField.Body)) != 0)) continue;
            File(term, id);
            for (var i = 0; i < term.Length; i++) File(term.Remove(i, 1), id);
            if (term.Length >= TwoEditMinLength - 2)
            {
                if (!_byFirstLetter.TryGetValue(term[0], out var sameStart)) _byFirstLetter[term[0]] = sameStart = [];
                sameStart.Add(id);
            }
        }
    }

    private void File(string key, int id)
    {
        if (!_byDeletion.TryGetValue(key, out var list)) _byDeletion[key] = list = [];
        if (list.Count == 0 || list[^1] != id) list.Add(id);
    }

    public IReadOnlyList<int> Near(string term)
    {
        if (term.Length < MinLength || !term.All(char.IsLetter)) return [];
        var found = new HashSet<int>();
        Probe(term);
        for (var i = 0; i < term.Length; i++) Probe(term.Remove(i, 1));
        var near = found.Where(id => SameStart(term, _terms[id]) && Distance(term, _terms[id]) <= 1).ToList();
        if (near.Count > 0 || term.Length < TwoEditMinLength) return near;
        // Rare and bounded: only unknown long words with no one-edit neighbour; a first-letter slip is rare enough
        // to keep the scan to words starting alike.
        if (_byFirstLetter.TryGetValue(term[0], out var candidates))
            foreach (var id in candidates)
                if (Math.Abs(_terms[id].Length - term.Length) <= 2 && Distance(term, _terms[id], 2) <= 2) near.Add(id);
        return near;

        void Probe(string key)
        {
            if (_byDeletion.TryGetValue(key, out var ids))
                foreach (var id in ids) found.Add(id);
        }
    }

    /// <summary>
    /// Typists rarely miss a word's first letter, and a first-letter change is usually another word ("fishing" and
    /// "wishing"): only the first two letters swapped ("sacrf") counts.
    /// </summary>
    private static bool SameStart(string typed, string term) =>
        typed[0] == term[0] || (typed.Length > 1 && term.Length > 1 && typed[0] == term[1] && typed[1] == term[0]);

    /// <summary>Optimal string alignment distance (a swap of neighbours counts as one edit).</summary>
    private static int Distance(string a, string b, int max = 1)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
