namespace ConversationalCommerce.Engine.Replies;

/// <summary>
/// Picks among equivalent wordings so replies do not read like a form letter, deterministically from the
/// conversation and turn: the same turn always reads the same (stable tests, reproducible support cases).
/// </summary>
public sealed class Phrasing(Guid conversationId, int turn)
{
    private int _picks;

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Listing(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    public string Pick(params string[] options)
    {
        if (options.Length == 0) return "";
        var hash = 2166136261u;
        foreach (var b in conversationId.ToByteArray()) hash = (hash ^ b) * 16777619u;
        hash = (hash ^ (uint)turn) * 16777619u;
        hash = (hash ^ (uint)_picks++) * 16777619u;
        hash ^= hash >> 15;
        return options[hash % (uint)options.Length];
    }
}
