using System.Collections;

namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>
/// A small read-only set of strings as one sorted array (ordinal), searched by halving. A product's tag, category
/// and descriptive sets hold a handful to a few dozen words: a hash set would cost several times the memory of
/// the words themselves, for no gain at these sizes.
/// </summary>
public sealed class CompactStringSet : IReadOnlySet<string>
{
    public static readonly CompactStringSet Empty = new([]);

    /// <summary>Equal when the words are equal, for sharing one instance among products with the same set.</summary>
    public static readonly IEqualityComparer<CompactStringSet> ContentComparer = new ByContent();

    private readonly string[] _items;

    private CompactStringSet(string[] sortedDistinct) => _items = sortedDistinct;

    public static CompactStringSet Of(IEnumerable<string> values)
    {
        var items = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (items.Length == 0) return Empty;
        Array.Sort(items, StringComparer.Ordinal);
        return new CompactStringSet(items);
    }

    public int Count => _items.Length;

    public bool Contains(string item) => item is not null && Array.BinarySearch(_items, item, StringComparer.Ordinal) >= 0;

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsSubsetOf(IEnumerable<string> other) => _items.All(new HashSet<string>(other, StringComparer.Ordinal).Contains);

    public bool IsSupersetOf(IEnumerable<string> other) => other.All(Contains);

    public bool IsProperSubsetOf(IEnumerable<string> other)
    {
        var others = new HashSet<string>(other, StringComparer.Ordinal);
        return others.Count > _items.Length && _items.All(others.Contains);
    }

    public bool IsProperSupersetOf(IEnumerable<string> other)
    {
        var others = new HashSet<string>(other, StringComparer.Ordinal);
        return others.Count < _items.Length && others.All(Contains);
    }

    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<string> other)
    {
        var others = new HashSet<string>(other, StringComparer.Ordinal);
        return others.Count == _items.Length && others.All(Contains);
    }

    private sealed class ByContent : IEqualityComparer<CompactStringSet>
    {
        public bool Equals(CompactStringSet? x, CompactStringSet? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && x._items.AsSpan().SequenceEqual(y._items);

        public int GetHashCode(CompactStringSet set)
        {
            var hash = new HashCode();
            foreach (var item in set._items) hash.Add(item, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
