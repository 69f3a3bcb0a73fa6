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
        "bag: handbag, purse, tote, tote bag, shoulder bag, crossbody", "backpack: rucksack, daypack", "wallet: cardholder, card holder",
        "sunglasses: shades", "watch: watches, wristwatch", "earrings: earring, studs, hoops", "necklace: pendant, chain, choker",
        "bracelet: bangle, cuff", "ring: rings", "jewelry: jewellery, jewelery",
        "mug: cup, cups, mugs, coffee mug, tea cup, teacup", "tumbler: water bottle, bottle, flask, thermos", "glassware: glasses, wine glass, wine glasses",
        "bowl: bowls", "plate: plates, dinnerware, dishes", "teapot: tea pot, tea set", "cookware: pan, pans, pot, pots",
        "knife: knives", "candle: candles", "vase: vases", "planter: plant pot, flower pot, pot plant", "plant: plants, succulent",
        "blanket: throw, throws", "pillow: cushion, cushions, pillows", "rug: rugs, carpet, mat", "towel: towels", "bedding: sheets, duvet, bed linen",
        "lamp: lamps, light, lights", "wall art: poster, posters, print, prints, painting, artwork, frame",
        "notebook: journal, notebooks, planner, diary", "pen: pens", "stationery: cards, greeting card, greeting cards",
        "book: books", "toy: toys, plush, teddy, teddy bear, stuffed animal, puzzle, game, board game", "phone case: phone cover, case",
        "headphones: earbuds, earphones, headset", "charger: cable, power bank", "skincare: skin care, moisturizer, serum, lotion, face cream",
        "perfume: fragrance, cologne, scent", "makeup: lipstick, mascara, cosmetics", "soap: body wash, bath bomb",
        "chocolate: chocolates, candy, sweets", "coffee: coffee beans", "tea: teas", "wine", "gift card: gift voucher, voucher, e-gift card",
        "yoga mat", "dog toy: dog toys, chew toy", "dog collar: collar, leash, lead", "pet bed: dog bed, cat bed",
    ];

    public static readonly Lexicon BuiltIn = Lexicon.FromGroups(Groups, allowPlural: true);

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
            var shopType = ShopTypeFor(canonical, productTypes);
            var value = shopType ?? canonical;
            if (!found.Contains(value, StringComparer.OrdinalIgnoreCase)) found.Add(value);
        }
        return found;
    }

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
