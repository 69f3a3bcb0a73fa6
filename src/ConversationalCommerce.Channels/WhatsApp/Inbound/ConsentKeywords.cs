using System.Text.RegularExpressions;

namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>The words that opt a customer out (or back in). Honoured on the channel itself, before any assistant logic.</summary>
public static partial class ConsentKeywords
{
    public static bool IsOptOut(string? text) => text is not null && OptOut().IsMatch(text);

    public static bool IsOptIn(string? text) => text is not null && OptIn().IsMatch(text);

    [GeneratedRegex(@"^\W*(?:stop(?:\s+all)?|unsubscribe|unsub|cancel|end|quit|opt[\s-]?out|stop\s+(?:messaging|texting|sending)(?:\s+me)?)\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptOut();

    [GeneratedRegex(@"^\W*(?:start|unstop|subscribe|opt[\s-]?in)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptIn();
}
