namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>
/// One instance per distinct string for what an index holds by the hundred thousand: terms, option values,
/// vendors, types, tags. A catalog repeats these endlessly ("Color", "Default Title", "red", the shop's vendors),
/// and each product read from the database brings its own copies. Used by one index writer at a time (the shop's
/// writer gate), never by searches, so it needs no locking. A snapshot passes it on to the next (changes share
/// with the products already held); a full rebuild starts a new one, dropping strings no product uses any more.
/// </summary>
public sealed class SharedStrings
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _termLists = new(StringComparer.Ordinal);
    private readonly HashSet<CompactStringSet> _sets = new(CompactStringSet.ContentComparer);

    public string Share(string value)
    {
        if (value.Length == 0) return "";
        if (_strings.TryGetValue(value, out var shared)) return shared;
        _strings.Add(value);
        return value;
    }

    public string? ShareOrNull(string? value) => value is null ? null : Share(value);

    /// <summary>A term list per distinct source text (a variant's colour "Navy Blue" -> ["navi", "blue"]), computed once.</summary>
    public string[] TermList(string? text, Func<string, IEnumerable<string>> terms)
    {
        if (string.IsNullOrEmpty(text)) return [];
        if (_termLists.TryGetValue(text, out var list)) return list;
        list = terms(text).Select(Share).ToArray();
        if (list.Length == 0) list = [];
        _termLists.Add(Share(text), list);
        return list;
    }

    /// <summary>
    /// A set per distinct content: products of one type in the same collections with the same tags have equal
    /// category and tag sets, so they share one instance.
    /// </summary>
    public CompactStringSet CommonSet(IEnumerable<string> values)
    {
        var set = CompactStringSet.Of(values.Select(Share));
        if (set.Count == 0) return set;
        if (_sets.TryGetValue(set, out var shared)) return shared;
        _sets.Add(set);
        return set;
    }
}
