using ConversationalCommerce.Domain.Customers;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>
/// When two profiles may become one. Deliberately conservative: a wrong merge shows one person another's
/// conversation and orders, a missed one only costs a second thread.
/// </summary>
public static class MergeRules
{
    /// <summary>Why the two profiles must not be merged automatically, or null when they may.</summary>
    public static string? Conflict(Customer a, Customer b)
    {
        if (a.ShopifyId is { } x && b.ShopifyId is { } y && x != y)
            return "The profiles belong to two different Shopify customers; never merged.";
        if (Disjoint(Addresses(a, ChannelIdentityKind.Email), Addresses(b, ChannelIdentityKind.Email)))
            return "The profiles have different verified emails; not merged automatically.";
        if (Disjoint(Addresses(a, ChannelIdentityKind.Phone), Addresses(b, ChannelIdentityKind.Phone)))
            return "The profiles have different verified phone numbers; not merged automatically.";
        return null;
    }

    /// <summary>Why a new address must not be added to the profile, or null when it may.</summary>
    public static string? ConflictWithAddress(Customer customer, IdentityClaim claim)
    {
        if (claim.Kind == ChannelIdentityKind.ShopifyCustomer && customer.ShopifyId is { } id
            && id.ToString(System.Globalization.CultureInfo.InvariantCulture) != claim.Value)
            return "The profile already belongs to another Shopify customer; never merged.";
        return null;
    }

    private static HashSet<string> Addresses(Customer customer, ChannelIdentityKind kind)
    {
        var set = customer.Identities.Where(i => i.Kind == kind).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        // The Shopify record's own email and phone are verified evidence too.
        var own = kind == ChannelIdentityKind.Email ? IdentityValues.Normalize(kind, customer.Email) : IdentityValues.Normalize(kind, customer.Phone);
        if (own is not null) set.Add(own);
        return set;
    }

    private static bool Disjoint(HashSet<string> a, HashSet<string> b) => a.Count > 0 && b.Count > 0 && !a.Overlaps(b);
}
