namespace ConversationalCommerce.Engine.Entities;

/// <summary>Brands the shop sells, from its catalog vocabulary, in the shop's spelling.</summary>
public static class VendorExtractor
{
    public static IReadOnlyList<string> Extract(EntityText text, IReadOnlySet<string> vendors) => ShopTerms.Match(text, vendors);
}
