using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Search, refine and "show me more": a page of ranked products for the slots built up so far.</summary>
public sealed partial class BrowseResponder(SearchRecommender recommender, ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.Search, CommerceIntents.Refine, CommerceIntents.More];

    public const int PageSize = 4;

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (SimilarRequest().IsMatch(turn.Text) && turn.Targets(catalog) is [var like, ..])
            return Task.FromResult(Similar(turn, like));
        if (WhatIsSold().IsMatch(turn.Text) && AsksNothingSpecific(turn.Prediction.Entities))
            return Task.FromResult(Overview(turn));
        var more = turn.Intent == CommerceIntents.More;
        var offset = more ? turn.State.ResultOffset + Math.Max(turn.State.Shown.Count, PageSize) : 0;
        // "What's new?" orders by arrival; "more" and refinements of it keep that order, a new search does not.
        var newest = WhatsNew().IsMatch(turn.Text) || turn.State.Slots.Newest && turn.Intent is CommerceIntents.More or CommerceIntents.Refine;
        turn = turn with { Slots = turn.Slots with { Newest = newest } };
        var result = recommender.Recommend(turn.Slots, turn.Ranking, offset, PageSize);
        var state = turn.State with { Slots = turn.Slots, PendingQuestion = null };
        return Task.FromResult(Compose(turn, result, state, offset, more, catalog));
    }

    /// <param name="catalog">Lets a search for something the shop lacks answer with what it does sell.</param>
    public static TurnAnswer Compose(Turn turn, Recommendation result, ConversationState state, int offset, bool more, ICatalogSearch? catalog = null)
    {
        var p = turn.Phrasing;
        var what = SlotDescription.Describe(turn.Slots, turn.Currency);
        if (result.Products.Count == 0 && !more && turn.Slots.Categories.Count == 0 && turn.State.Shown.Count == 0 && turn.Slots.Keywords.Split(' ').Length == 1
            && turn.Prediction.Confidence < 0.6)
        {
            // One unknown word and little confidence: more likely a misunderstanding than a product we lack.
            return new TurnAnswer(new Reply
            {
                Text = p.Pick("I'm not sure what you're looking for. Could you tell me the kind of product, or who it's for?",
                    "Could you say a bit more? For example \"a scarf under $50\" or \"a gift for my dad\"."),
                QuickReplies = ["Gift ideas", "Show me bestsellers"],
            }, state);
        }
        if (result.Products.Count == 0 && !more && result.UnknownWords.Count > 0 && catalog is not null)
            return NotCarried(turn, catalog, result.UnknownWords, state with { Shown = [], ResultOffset = 0 });
        if (result.Products.Count == 0)
        {
            var text = more && offset > 0
                ? p.Pick("That's everything I have for that search.", "Those were all the matches I found.") + " " +
                  p.Pick("Want to try a different kind of product or budget?", "Shall I look for something else?")
                : p.Pick($"I couldn't find {what} right now.", $"Sorry, nothing in stock matches {what} at the moment.") + " " +
                  p.Pick("Would a different budget or another kind of product work?", "Want me to try something similar, or a different price range?");
            return new TurnAnswer(new Reply { Text = text, QuickReplies = ["Show me bestsellers", "Gift ideas"] }, state with { Shown = [], ResultOffset = 0 });
        }

        var products = SlotDescription.Describe(turn.Slots, turn.Currency, fallbackNoun: "products");
        var intro = more
            ? p.Pick("Here are a few more:", "Some more options:", "A few more to look at:")
            : result.Relaxed.Count > 0
                ? $"I couldn't find {what} exactly, so {RelaxedPhrase(result.Relaxed, turn.Slots)}. " + p.Pick("Here's what comes closest:", "These are the closest matches:")
            : result.UnknownWords.Count > 0
                ? $"I couldn't find anything for {Quoted(result.UnknownWords)} in our shop, so these match the rest of what you asked for:"
            : turn.Slots.Newest
                ? p.Pick($"Our newest {products}:", $"Just in: our latest {products}:")
            : AsksWhatSells().IsMatch(turn.Text)
                ? p.Pick($"Our most popular {products} right now:", $"These {products} sell best at the moment:")
                : p.Pick($"Here are some {what}:", $"I found these {what}:", $"Take a look at these {what}:", $"Some {what} you might like:");
        var lines = result.Products.Select((r, i) => $"{i + 1}. {r.Product.Title}: {Money.Format(r.Variant.Price, turn.Currency)}");
        var quick = new List<string>();
        if (result.More) quick.Add("Show me more");
        if (result.Products.Count >= 2) quick.Add("Compare the first two");
        quick.Add("Which one do you recommend?");
        var reply = new Reply
        {
            Text = intro + "\n" + string.Join("\n", lines),
            Products = result.Products.Select(r => ProductCardBuilder.Build(r, turn.Currency)).ToList(),
            QuickReplies = quick,
        };
        return new TurnAnswer(reply, ShownProducts.Showing(state, result.Products, offset));
    }

    /// <summary>"Show me similar" after a product: others of its kind (its product type), the budget kept, it left out.</summary>
    private TurnAnswer Similar(Turn turn, ReferencedProduct like)
    {
        var product = like.Product;
        var slots = ShoppingSlots.Empty with
        {
            Categories = product.ProductType.Length > 0 ? [product.ProductType] : [],
            Keywords = product.ProductType.Length > 0 ? "" : product.Title,
            MaxPrice = turn.Slots.MaxPrice, MinPrice = turn.Slots.MinPrice, Recipient = turn.Slots.Recipient, Gift = turn.Slots.Gift,
        };
        var result = recommender.Recommend(slots, turn.Ranking, 0, PageSize + 1);
        var others = result.Products.Where(r => r.Product.Id != product.Id).Take(PageSize).ToList();
        var state = turn.State with { Slots = slots, PendingQuestion = null };
        if (others.Count == 0)
            return new TurnAnswer(new Reply
            {
                Text = $"The {product.Title} is the only one of its kind I have right now. Want me to look for something else?",
                QuickReplies = ["Show me bestsellers", "Gift ideas"],
            }, state);
        var lines = others.Select((r, i) => $"{i + 1}. {r.Product.Title}: {Money.Format(r.Variant.Price, turn.Currency)}");
        var reply = new Reply
        {
            Text = turn.Phrasing.Pick($"Similar to the {product.Title}:", $"Other {SlotDescription.Plural(product.ProductType.ToLowerInvariant())} like the {product.Title}:") + "\n" + string.Join("\n", lines),
            Products = others.Select(r => ProductCardBuilder.Build(r, turn.Currency)).ToList(),
            QuickReplies = others.Count >= 2 ? ["Compare the first two", "Which one do you recommend?"] : ["Which one do you recommend?"],
        };
        return new TurnAnswer(reply, ShownProducts.Showing(state, others, 0));
    }

    /// <summary>
    /// The shopper named something no product has ("fishing rods"): say so plainly, and offer what the shop does sell,
    /// instead of products that only share a letter or a filter with the request.
    /// </summary>
    private static TurnAnswer NotCarried(Turn turn, ICatalogSearch catalog, IReadOnlyList<string> unknown, ConversationState state)
    {
        var kinds = PopularKinds(catalog, turn.ShopId);
        var text = turn.Phrasing.Pick($"Sorry, I couldn't find anything for {Quoted(unknown)} in our shop.",
            $"Sorry, we don't seem to carry anything for {Quoted(unknown)}.");
        text += kinds.Count == 0
            ? " Tell me what else you're looking for, or who it's for, and I'll find it."
            : $" Our most popular kinds of product are {Phrasing.Listing(kinds)}. Want to look at any of those?";
        return new TurnAnswer(new Reply { Text = text, QuickReplies = [.. Chips(kinds), "Gift ideas"] }, state with { PendingQuestion = null });
    }

    private static string Quoted(IReadOnlyList<string> words) => $"\u201c{string.Join(' ', words)}\u201d";

    private static IEnumerable<string> Chips(IReadOnlyList<string> kinds) => kinds.Take(3).Select(k => char.ToUpperInvariant(k[0]) + k[1..]);

    /// <summary>The kinds of product the shop's best sellers are, most popular first ("scarves", "mugs").</summary>
    private static List<string> PopularKinds(ICatalogSearch catalog, Guid shopId) =>
        catalog.Search(shopId, new SearchRequest("") { Limit = 80 }).Select(h => h.Product.ProductType).Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(8).Select(t => SlotDescription.Plural(t.ToLowerInvariant())).ToList();

    private static bool AsksNothingSpecific(Entities.ShopperEntities e) =>
        e.Keywords.Length == 0 && e.Categories.Count == 0 && e.Colors.Count == 0 && e.Sizes.Count == 0 && e.Materials.Count == 0
        && e.Vendors.Count == 0 && e.Budget is null && e.Recipient is null && e.Occasion is null && e.Interest is null;

    /// <summary>"What do you sell?": the kinds of product the shop's best sellers are, as an answer and as chips.</summary>
    private TurnAnswer Overview(Turn turn)
    {
        var kinds = PopularKinds(catalog, turn.ShopId);
        if (kinds.Count == 0)
            return new TurnAnswer(new Reply { Text = "Tell me what you're looking for, or who it's for, and I'll find it.", QuickReplies = ["Gift ideas", "Show me bestsellers"] }, turn.State);
        return new TurnAnswer(new Reply
        {
            Text = $"Our most popular kinds of product are {Phrasing.Listing(kinds)}. Tell me what you're after, or who it's for, and I'll pick a few.",
            QuickReplies = [.. Chips(kinds), "Gift ideas"],
        }, turn.State with { PendingQuestion = null });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bwhat\s+(?:do|does|can)\s+(?:you|y'all|the\s+(?:shop|store))\s+(?:sell|have|carry|stock|offer)\b|\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+(?:products|things|stuff|items)\b|\bwhat(?:'s|\s+is)\s+in\s+(?:the|your)\s+(?:shop|store)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WhatIsSold();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:best[\s-]?sell(?:ers?|ing)|top[\s-]?sell(?:ers?|ing)|(?:most\s+)?popular|trending|sells?\s+(?:the\s+)?best)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AsksWhatSells();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bwhat(?:'s|\s+is)\s+new\b|\bnew\s+(?:arrivals?|in|products|stuff|things|items|this\s+(?:week|month|season))\b|\b(?:latest|newest)\b|\bjust\s+(?:in|arrived|landed)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WhatsNew();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:similar|like\s+(?:this|that|it)(?:\s+one)?|alternatives?\s+to\s+(?:it|this|that)|others?\s+like\s+(?:it|this|that))\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SimilarRequest();

    private static string RelaxedPhrase(IReadOnlyList<Relaxation> relaxed, ShoppingSlots slots)
    {
        var parts = relaxed.Select(r => r switch
        {
            Relaxation.Material => "the material",
            Relaxation.Keywords => slots.Keywords.Split(' ').Length <= 2 ? $"\u201c{slots.Keywords}\u201d" : "some of the words",
            Relaxation.Color => "the colour",
            Relaxation.Size => "the size",
            Relaxation.Tags => "the recipient",
            Relaxation.Interest => $"the {slots.Interest} part",
            _ => "a detail",
        }).Distinct().ToList();
        return $"I've left out {Phrasing.Listing(parts)}";
    }
}
