using System.Text.RegularExpressions;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Keeps only what the sender wrote in this mail: cuts at the first reply header of a mail client ("On ... wrote:",
/// "-----Original Message-----", Outlook's "From: ... Sent:" block or underscore rule, Gmail's forwarded marker),
/// drops '>' quoted lines and the signature after "-- ".
/// </summary>
public static partial class QuotedTextStripper
{
    public static string Strip(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (IsCutMarker(lines, i)) break;
            // "-- " (RFC 3676) and the common "--" without its space; "Sent from my ..." phones.
            if (line.TrimEnd('\u00a0') is "-- " or "--" || SentFromDevice().IsMatch(trimmed)) break;
            if (trimmed.StartsWith('>')) continue;
            kept.Add(line.TrimEnd());
        }
        return string.Join('\n', kept).Trim();
    }

    private static bool IsCutMarker(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0) return false;
        if (OriginalMessage().IsMatch(line) || ForwardedMessage().IsMatch(line) || UnderscoreRule().IsMatch(line)) return true;
        if (WroteLine().IsMatch(line)) return true;
        // Clients wrap a long "On <date>, <name> <address>" line before "wrote:".
        if (OnStart().IsMatch(line) && i + 1 < lines.Length && WroteEnd().IsMatch(lines[i + 1].Trim())) return true;
        // Outlook's header block: From: followed within a few lines by Sent: or Date:, and To: or Subject:.
        if (HeaderFrom().IsMatch(line))
        {
            var window = lines.Skip(i + 1).Take(4).Select(l => l.Trim()).ToList();
            if (window.Any(l => HeaderSentOrDate().IsMatch(l)) && window.Any(l => HeaderToOrSubject().IsMatch(l))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*Original Message\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^-{2,}\s*Forwarded message\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardedMessage();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex UnderscoreRule();

    // English, French, German, Spanish and Dutch reply headers of the common clients.
    [GeneratedRegex(@"^(On\s.{1,300}\swrote:|Le\s.{1,300}\sa\s+écrit\s*:|Am\s.{1,300}\sschrieb.{0,100}:|El\s.{1,300}\sescribió:|Op\s.{1,300}\sschreef.{0,100}:)$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteLine();

    [GeneratedRegex(@"^(On|Le|Am|El|Op)\s.{4,300}$")]
    private static partial Regex OnStart();

    [GeneratedRegex(@"^.{0,200}(wrote|a écrit|schrieb|escribió|schreef)\s*:$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteEnd();

    [GeneratedRegex(@"^\*?(From|Von|De|Van)\s*:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|Gesendet|Envoyé|Enviado|Verzonden)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderSentOrDate();

    [GeneratedRegex(@"^\*?(To|Subject|An|Betreff|À|Objet|Para|Asunto|Aan|Onderwerp)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderToOrSubject();

    [GeneratedRegex(@"^Sent from my \w+", RegexOptions.IgnoreCase)]
    private static partial Regex SentFromDevice();
}
