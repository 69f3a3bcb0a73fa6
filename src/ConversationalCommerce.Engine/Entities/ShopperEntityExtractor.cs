using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Runs the extractors in a fixed order over one <see cref="EntityText"/>: references, occasions and ages first
/// (they contain words the others would misread), then money, then product attributes, then the recipient's
/// interest; whatever is left becomes the keywords.
/// Stateless and thread-safe.
/// </summary>
public sealed class ShopperEntityExtractor(ICatalogSearch? catalogSearch = null) : IShopperEntityExtractor
{
    public ShopperEntities Extract(Guid shopId, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ShopperEntities.None;
        return Extract(text, VocabularyFor(shopId));
    }

    public static ShopperEntities Extract(string text, CatalogVocabulary vocabulary)
    {
        var t = new EntityText(text);
        var references = ReferenceExtractor.Extract(t);
        var occasion = OccasionExtractor.Extract(t); // before recipients: "mother's day", "baby shower"
        var (recipient, age) = RecipientExtractor.Extract(t);
        var budget = BudgetExtractor.Extract(t);
        var sizes = SizeExtractor.Extract(t, vocabulary.Sizes);
        var quantity = QuantityExtractor.Extract(t);
        var vendors = VendorExtractor.Extract(t, vocabulary.Vendors);
        var materials = MaterialExtractor.Extract(t);
        var colors = ColorExtractor.Extract(t, vocabulary.Colors);
        var categories = CategoryExtractor.Extract(t, vocabulary.ProductTypes);
        // After attributes: "she likes blue" is a colour, "she loves jewelry" a product.
        var interest = InterestExtractor.Extract(t, phrase => CategoryExtractor.Extract(new EntityText(phrase), vocabulary.ProductTypes).Count > 0);
        return new ShopperEntities
        {
            Budget = budget,
            Recipient = recipient,
            RecipientAge = age,
            Occasion = occasion,
            Interest = interest,
            Categories = categories,
            Colors = colors,
            Sizes = sizes,
            Materials = materials,
            Vendors = vendors,
            Quantity = quantity,
            References = references,
            Keywords = KeywordExtractor.Extract(t),
        };
    }

    private CatalogVocabulary VocabularyFor(Guid shopId)
    {
        if (catalogSearch is null || shopId == Guid.Empty) return CatalogVocabulary.Empty;
        try
        {
            return catalogSearch.Vocabulary(shopId);
        }
        catch (InvalidOperationException)
        {
            // The shop's index is not loaded yet: the built-in lexicons still work.
            return CatalogVocabulary.Empty;
        }
    }
}
