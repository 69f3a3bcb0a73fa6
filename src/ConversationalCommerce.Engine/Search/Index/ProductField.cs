namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>The product text fields the index scores, each with its own weight and length normalisation.</summary>
public enum ProductField : byte
{
    Title = 0,
    ProductType = 1,
    Tags = 2,
    Vendor = 3,
    Options = 4,
    Collections = 5,
    Body = 6,
}

/// <summary>BM25F parameters per field.</summary>
public sealed record FieldWeights(float[] Weight, float[] LengthNormalization, float K1)
{
    public const int FieldCount = 7;

    /// <summary>
    /// Why these values: the title is what a merchant names the product and is short, so a word there is the
    /// strongest evidence; product type and collections say what kind of thing it is (a shopper's noun usually);
    /// tags and vendor are curated but sparse; option values (colours, sizes) describe variants; the body is long,
    /// written to sell, and mentions other things ("pairs with headphones"), so it counts least per word.
    /// Long bodies are normalised by length fully, short curated fields only a little.
    /// </summary>
    public static readonly FieldWeights Default = new(
        Weight: [4.0f, 2.5f, 1.5f, 1.5f, 1.0f, 1.5f, 1.0f],
        LengthNormalization: [0.75f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.75f],
        K1: 1.2f);
}
