using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Matches a shop's own terms (product types, vendors, option values) as whole words. The lexicon built from
/// a vocabulary set is cached for as long as that set object lives, so a message costs one regex scan.
/// </summary>
public static class ShopTerms
{
    private static readonly ConditionalWeakTable<IReadOnlySet<string>, Lexicon> Cache = new();

    /// <summary>Unclaimed mentions of the terms (plural "s" allowed), in the shop's spelling; claims them.</summary>
    public static IReadOnlyList<string> Match(EntityText text, IReadOnlySet<string> terms)
    {
        if (terms.Count == 0) return [];
        var lexicon = Cache.GetValue(terms, static set => new Lexicon(
            set.Where(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length > 1)
               .Select(t => KeyValuePair.Create(t.Trim(), t.Trim())), allowPlural: true));
        return lexicon.Take(text);
    }
}
