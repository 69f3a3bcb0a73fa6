namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Product types: the shop's own product types first (returned in the shop's spelling), then a built-in synonym
/// list ("cup" -> "mug", "tee" -> "t-shirt"). A built-in match is mapped onto the shop's type when the shop
/// uses one of its forms ("Mugs" for "cup").
/// </summary>
public static class CategoryExtractor
{
    public static readonly string[] Groups =
    [
        "t-shirt: tee, tees, tshirt, t shirt, tshirts", "shirt: button down, button-up, blouse", "hoodie: hoody, hooded sweatshirt, sweatshirt",
        "sweater: jumper, pullover, cardigan, knit, knitwear", "jacket: coat, parka, blazer, windbreaker, raincoat, rain jacket",
        "dress: gown, sundress", "skirt", "jeans: denims", "pants: trousers, chinos, joggers, sweatpants, leggings", "shorts",
        "pajamas: pyjamas, pjs, sleepwear, loungewear", "socks", "underwear: boxers, briefs, lingerie, bra",
        "shoes: shoe, footwear", "sneakers: trainers, runners, running shoes", "boots: boot", "sandals: flip flops, slides",
        "hat: cap, caps, beanie, beanies, bucket hat", "scarf: scarves, shawl", "gloves: mittens", "belt",
        "bag: bags, handbag, purse, tote, tote bag, shoulder bag, crossbody", "backpack: rucksack, daypack", "wallet: cardholder, card holder",
        "sunglasses: shades", "watch: watches, wristwatch", "earrings: earring, studs, hoops", "necklace: pendant, chain, choker",
        "bracelet: bangle, cuff", "ring: rings", "cufflinks: cuff links", "jewelry: jewellery, jewelery, jewels",
        "mug: cup, cups, mugs, coffee mug, tea cup, teacup", "tumbler: water bottle, bottle, flask, thermos", "glassware: glasses, wine glass, wine glasses",
        "bowl: bowls", "plate: plates, dinnerware, dishes", "teapot: tea pot, tea set", "cookware: pan, pans, pot, pots",
        "knife: knives", "candle: candles", "vase: vases", "planter: plant pot, flower pot, pot plant", "plant: plants, succulent",
        "blanket: throw, throws", "pillow: cushion, cushions, pillows", "rug: rugs, carpet, doormat", "towel: towels", "bedding: sheets, duvet, bed linen",
        "lamp: lamps, light, lights", "wall art: poster, posters, print, prints, painting, artwork, frame",
        "notebook: journal, notebooks, diary", "planner: planners, organiser, organizer", "pen: pens", "stationery",
        "greeting cards: card, cards, greeting card",
        "book: books", "toy: toys", "plush: plushie, soft toy, teddy, teddy bear, stuffed animal", "puzzle: jigsaw, jigsaw puzzle",
        "board game: board games", "card game: card games", "building blocks: blocks, building set", "phone case: phone cover, case",
        "headphones: earbuds, earphones, headset", "charger: cable, power bank", "speaker: speakers, bluetooth speaker", "skincare: skin care, moisturizer, serum, lotion, face cream, hand cream",
        "perfume: fragrance, cologne, scent", "makeup: lipstick, mascara, cosmetics", "soap: body wash, bath bomb",
        "chocolate: chocolates, candy, sweets", "coffee: coffee beans", "tea: teas", "wine", "gift card: gift voucher, voucher, e-gift card",
        "yoga mat", "clothing: clothes, apparel, garments, outfits, outfit", "electronics: electronic, tech, gadgets, gadget, devices",
        "beauty: beauty products, toiletries, pamper", "kitchen: kitchenware, kitchen stuff, kitchen things", "home decor: decor, decorations, homeware, homewares",
        "dog toy: dog toys, chew toy", "dog collar: collar, leash, lead", "pet bed: dog bed, cat bed",
    ];

    public static readonly Lexicon BuiltIn = Lexicon.FromGroups(Groups, allowPlural: true);

    /// <summary>
    /// Words for a whole department and the kinds of product in it: "jewelry" is rings, necklaces and earrings to a
    /// shopper, though no product is typed "Jewelry"; "toys" are the puzzles and the plush toys, not only one of them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Departments = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["jewelry"] = ["ring", "necklace", "earrings", "bracelet", "cufflinks", "watch"],
        ["clothing"] = ["t-shirt", "shirt", "hoodie", "sweater", "jacket", "dress", "skirt", "jeans", "pants", "shorts", "pajamas", "socks",
            "underwear", "hat", "scarf", "gloves"],
        ["toy"] = ["plush", "puzzle", "board game", "card game", "building blocks"],
        ["bag"] = ["backpack"],
        ["shoes"] = ["sneakers", "boots", "sandals"],
        ["electronics"] = ["headphones", "charger", "speaker"],
        ["beauty"] = ["skincare", "perfume", "makeup", "soap"],
        ["kitchen"] = ["mug", "bowl", "plate", "teapot", "cookware", "knife"],
        ["home decor"] = ["candle", "vase", "lamp", "blanket", "pillow", "rug", "wall art"],
        ["stationery"] = ["notebook", "planner", "pen", "greeting cards"],
    };

    private static readonly Dictionary<string, string[]> FormsByCanonical = Groups.ToDictionary(
        g => g.Split(':')[0].Trim(),
        g => g.Split(':') is { Length: 2 } parts
            ? parts[1].Split(',', StringSplitOptions.TrimEntries).Append(parts[0].Trim()).ToArray()
            : [g.Trim()]);

    /// <summary>
    /// Words matching a shop type leave the keywords (the search filters on the type); built-in matches stay in
    /// them too, so the search still sees "cup" when the shop has no such type.
    /// </summary>
    public static IReadOnlyList<string> Extract(EntityText text, IReadOnlySet<string> productTypes)
    {
        var found = new List<string>(ShopTerms.Match(text, productTypes));
        foreach (var canonical in BuiltIn.Take(text, claim: false))
        {
            var kinds = Departments.TryGetValue(canonical, out var narrower)
                ? narrower.Select(n => ShopTypeFor(n, productTypes)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : [];
            // A department names itself first (the reply reads "jewelry picks"), then the shop's kinds within it;
            // a product passes the filter by any of them.
            var values = kinds.Count > 0 ? kinds.Prepend(ShopTypeFor(canonical, productTypes) ?? canonical) : [ShopTypeFor(canonical, productTypes) ?? canonical];
            // The filter holds the department: as search text, "jewellery" would only find the jewellery boxes.
            if (kinds.Count > 0) DepartmentWords.Take(text);
            foreach (var value in values)
                if (!found.Contains(value, StringComparer.OrdinalIgnoreCase)) found.Add(value);
        }
        return found;
    }

    private static readonly Lexicon DepartmentWords =
        Lexicon.FromGroups(Groups.Where(g => Departments.ContainsKey(g.Split(':')[0].Trim())), allowPlural: true);

    /// <summary>True when the categories are a department spread over several of the shop's kinds ("jewelry": rings, necklaces...).</summary>
    public static bool IsDepartment(IReadOnlyList<string> categories) =>
        categories.Count > 1 && Departments.ContainsKey(BuiltIn.Canonical(categories[0]) ?? "");

    private static string? ShopTypeFor(string canonical, IReadOnlySet<string> productTypes)
    {
        if (productTypes.Count == 0) return null;
        var forms = FormsByCanonical.GetValueOrDefault(canonical) ?? [canonical];
        foreach (var type in productTypes)
        {
            var t = type.Trim().ToLowerInvariant();
            foreach (var form in forms)
                if (t == form || t == form + "s" || t == form + "es" || t.EndsWith(" " + form) || t.EndsWith(" " + form + "s"))
                    return type;
        }
        return null;
    }
}
