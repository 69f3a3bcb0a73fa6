namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Words that describe rather than name a product ("cosy", "elegant"): a reply reads "cosy picks", not "cosy", and a
/// shop that never uses the word has not failed to stock the thing asked for.
/// </summary>
public static class DescribingWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "cosy", "cozy", "comfy", "comfortable", "warm", "soft", "cute", "fun", "funny", "elegant", "fancy", "unique", "quirky",
        "luxurious", "luxury", "minimalist", "minimal", "vintage", "retro", "classic", "modern", "colourful", "colorful",
        "practical", "useful", "personal", "personalised", "personalized", "handmade", "sustainable", "eco-friendly", "stylish", "chic",
        "pretty", "beautiful", "special", "thoughtful", "sentimental", "relaxing", "festive", "summery", "wintery",
        "custom", "engraved", "quality", "lovely", "gorgeous", "perfect", "decent", "vegan", "organic", "eco", "natural",
        "recycled", "ethical",
    };

    public static bool Contains(string word) => Words.Contains(word);
}
