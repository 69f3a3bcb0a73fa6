using System.Text;
using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// The shopper's message, lower-cased, with the spans each extractor has already claimed. Extractors run in
/// order and skip claimed text, so "the blue one" is a reference, not also a colour filter, and whatever no
/// extractor claims is left as search keywords.
/// </summary>
public sealed class EntityText
{
    private readonly bool[] _claimed;

    public EntityText(string text)
    {
        Text = Normalize(text);
        _claimed = new bool[Text.Length];
    }

    /// <summary>Lower-case text with typographic quotes and dashes made plain, so patterns stay simple.</summary>
    public string Text { get; }

    /// <summary>Matches of the pattern that touch no claimed character.</summary>
    public IEnumerable<Match> Free(Regex pattern)
    {
        foreach (Match m in pattern.Matches(Text))
            if (m.Length > 0 && IsFree(m.Index, m.Length))
                yield return m;
    }

    public bool IsFree(int index, int length)
    {
        for (var i = index; i < index + length; i++)
            if (_claimed[i]) return false;
        return true;
    }

    public void Claim(int index, int length)
    {
        for (var i = index; i < index + length && i < _claimed.Length; i++) _claimed[i] = true;
    }

    public void Claim(Capture capture) => Claim(capture.Index, capture.Length);

    /// <summary>The text with claimed spans blanked out.</summary>
    public string Unclaimed()
    {
        var chars = Text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (_claimed[i]) chars[i] = ' ';
        return new string(chars);
    }

    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
            sb.Append(c switch
            {
                '’' or '‘' or '`' or '´' => '\'',
                '“' or '”' => '"',
                '–' or '—' or '−' => '-',
                _ => char.ToLowerInvariant(c),
            });
        return sb.ToString();
    }
}
