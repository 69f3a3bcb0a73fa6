namespace ConversationalCommerce.Channels.Email.Threads;

/// <summary>The addresses and ids we mint: reply+token@, unsubscribe+token@, and our Message-IDs.</summary>
public static class EmailAddresses
{
    public const string ReplyPrefix = "reply+";
    public const string UnsubscribePrefix = "unsubscribe+";
    private const string MessageIdPrefix = "cc.";

    public static string ReplyAddress(string token, string inboundDomain) => $"{ReplyPrefix}{token}@{inboundDomain}";

    public static string UnsubscribeAddress(string token, string inboundDomain) => $"{UnsubscribePrefix}{token}@{inboundDomain}";

    /// <summary>Our Message-ID for one outbox row (without angle brackets): the same on every retry of that row.</summary>
    public static string MessageId(Guid outboxId, string domain) => $"{MessageIdPrefix}{outboxId:N}@{domain}";

    /// <summary>The outbox row behind one of our Message-IDs, if it is one.</summary>
    public static bool TryParseMessageId(string? messageId, out Guid outboxId)
    {
        outboxId = Guid.Empty;
        if (string.IsNullOrEmpty(messageId)) return false;
        var id = messageId.Trim().TrimStart('<').TrimEnd('>');
        var at = id.IndexOf('@');
        if (at < 0 || !id.StartsWith(MessageIdPrefix, StringComparison.Ordinal)) return false;
        return Guid.TryParseExact(id[MessageIdPrefix.Length..at], "N", out outboxId);
    }

    /// <summary>The token of a reply+token@ (or unsubscribe+token@) address on the shop's inbound domain.</summary>
    public static string? TokenOf(string address, string prefix, string inboundDomain)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return null;
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (!domain.Equals(inboundDomain, StringComparison.OrdinalIgnoreCase)) return null;
        if (!local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = local[prefix.Length..];
        return token.Length is >= 16 and <= 64 && token.All(char.IsAsciiLetterOrDigit) ? token.ToLowerInvariant() : null;
    }

    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[(at + 1)..];
    }
}
