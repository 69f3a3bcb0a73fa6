using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Surface forms mapped to a normalised value ("mum" -> "mom"), matched as whole words, longest form first
/// ("rose gold" before "gold"). Forms may include an optional plural "s".
/// </summary>
public sealed class Lexicon
{
    private readonly Dictionary<string, string> _canonical;
    private readonly Regex _pattern;

    public Lexicon(IEnumerable<KeyValuePair<string, string>> forms, bool allowPlural = false)
    {
        _canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (form, value) in forms)
            _canonical.TryAdd(Key(form.ToLowerInvariant()), value);
        var alternatives = _canonical.Keys.OrderByDescending(k => k.Length).Select(k => Regex.Escape(k).Replace("\\ ", "[\\s-]+"));
        var plural = allowPlural ? "(?:e?s)?" : "";
        _pattern = new Regex($@"(?<![\w-])(?:{string.Join('|', alternatives)}){plural}(?![\w-])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>Every form maps to the first word of its line: "mom: mum, mother, mommy".</summary>
    public static Lexicon FromGroups(IEnumerable<string> groups, bool allowPlural = false) =>
        new(groups.SelectMany(line =>
        {
            var parts = line.Split(':', 2);
            var value = parts[0].Trim();
            var forms = parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            return forms.Append(value).Select(f => KeyValuePair.Create(f, value));
        }), allowPlural);

    /// <summary>Finds unclaimed forms, claims them and returns their values in order of appearance (distinct).</summary>
    public List<string> Take(EntityText text, bool claim = true)
    {
        var found = new List<string>();
        foreach (var m in text.Free(_pattern).ToList())
        {
            if (!text.IsFree(m.Index, m.Length)) continue;
            var value = Lookup(m.Value);
            if (value is null) continue;
            if (claim) text.Claim(m);
            if (!found.Contains(value)) found.Add(value);
        }
        return found;
    }

    /// <summary>The value a whole phrase maps to ("jewellery" -> "jewelry"), or null.</summary>
    public string? Canonical(string phrase) => Lookup(phrase.ToLowerInvariant());

    private static string Key(string surface) => Regex.Replace(surface.Trim(), @"[\s-]+", " ");

    private string? Lookup(string surface)
    {
        var key = Key(surface);
        if (_canonical.TryGetValue(key, out var value)) return value;
        foreach (var suffix in new[] { "es", "s" })
            if (key.EndsWith(suffix, StringComparison.Ordinal) && _canonical.TryGetValue(key[..^suffix.Length], out value))
                return value;
        return null;
    }
}
