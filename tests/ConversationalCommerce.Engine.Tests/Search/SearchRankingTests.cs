using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Engine.Search.Analysis;
using ConversationalCommerce.Engine.Search.Index;
using ConversationalCommerce.Engine.Search.Query;
using static ConversationalCommerce.Engine.Tests.Search.ProductFactory;

namespace ConversationalCommerce.Engine.Tests.Search;

/// <summary>
/// Ranking behaviour of the index itself (analysis, first stage, second-stage rerank, title feedback) on small
/// catalogs, without the database. Where a test checks a rerank feature, it also shows the first stage alone ranks
/// the other way, so the test fails if the feature stops working.
/// </summary>
public sealed class SearchRankingTests
{
    private static readonly RankingSettings FirstStageOnly = RankingSettings.Default with
    {
        Rerank = new RerankWeights
        {
            TitleCoverage = 0, LeadCoverage = 0, TypeCoverage = 0, HeadMatch = 0, BodyOnly = 0,
            ExcludedPresent = 0, ExcludedAbsent = 0, TitleLength = 0, BrandNamed = 0,
        },
        FeedbackTerms = 0,
    };

    private static ShopIndex Index(params Product[] products)
    {
        var strings = new SharedStrings();
        return ShopIndex.Build(Guid.NewGuid(), products.Select(p => ProductAnalysis.Instance.Analyze(p, [], 0, strings)).ToList(), strings);
    }

    private static List<string> Titles(ShopIndex index, string text, RankingSettings? settings = null)
    {
        var searcher = settings is null
            ? ShopIndexSearcher.Default
            : new ShopIndexSearcher(QueryPlanner.Instance, ShopperTextAnalyzer.Instance, ShopperSynonyms.Instance, settings);
        return searcher.Search(index, new SearchRequest(text) { Limit = 100 }).Select(h => h.Product.Title).ToList();
    }

    [Fact]
    public void A_number_glued_to_its_unit_matches_the_spaced_spelling_both_ways()
    {
        var index = Index(
            Product("SanDisk 32 GB USB Flash Drive", "Flash Drives"),
            Product("SanDisk 64 GB USB Flash Drive", "Flash Drives"),
            Product("Magnesium Citrate 200mg Tablets", "Supplements"),
            Product("Magnesium Citrate 400mg Tablets", "Supplements"));
        Assert.Equal("SanDisk 64 GB USB Flash Drive", Titles(index, "64gb flash drive")[0]);
        Assert.Equal("Magnesium Citrate 200mg Tablets", Titles(index, "magnesium citrate 200 mg")[0]);
    }

    [Fact]
    public void The_product_named_ranks_above_accessories_made_for_it()
    {
        var index = Index(
            Product("Fitbit Charge 3 Fitness Activity Tracker, Graphite, One Size (S and L Bands Included)", "Activity Trackers"),
            Product("Silicone Bands Compatible with Fitbit Charge 3 / Fitbit Charge 3 SE", "Wristband Accessories"),
            Product("Metal Loop Band for Fitbit Charge 3, Fitbit Charge 4", "Wristband Accessories"));
        Assert.NotEqual("Fitbit Charge 3 Fitness Activity Tracker, Graphite, One Size (S and L Bands Included)",
            Titles(index, "fitbit charge 3", FirstStageOnly)[0]);
        Assert.Equal("Fitbit Charge 3 Fitness Activity Tracker, Graphite, One Size (S and L Bands Included)",
            Titles(index, "fitbit charge 3")[0]);
    }

    [Fact]
    public void What_the_shopper_asks_to_be_without_ranks_its_products_last_and_titles_saying_without_it_first()
    {
        var index = Index(
            Product("Kids Water Bottle with Straw", "Water Bottles"),
            Product("Stainless Steel Water Bottle, Leak Proof Wide Mouth Lid, 32 oz", "Water Bottles"),
            Product("Glass Water Bottle without Straw, Silicone Sleeve, Bamboo Lid, 18 oz", "Water Bottles"));
        Assert.Equal("Kids Water Bottle with Straw", Titles(index, "water bottle without straw", FirstStageOnly)[0]);
        Assert.Equal(
            ["Glass Water Bottle without Straw, Silicone Sleeve, Bamboo Lid, 18 oz",
             "Stainless Steel Water Bottle, Leak Proof Wide Mouth Lid, 32 oz",
             "Kids Water Bottle with Straw"],
            Titles(index, "water bottle without straw"));
    }

    [Fact]
    public void The_product_noun_outranks_a_material_word_even_when_the_noun_is_repeated()
    {
        var index = Index(Product("Linen Hardcover Notebook", "Notebook"), Product("Organic Cotton Tee", "T-Shirt"));
        Assert.Equal("Linen Hardcover Notebook", Titles(index, "linen shirts", FirstStageOnly)[0]);
        Assert.Equal("Organic Cotton Tee", Titles(index, "linen shirts")[0]);
        // The conversation engine appends category words it could not filter on: the noun's last place still counts.
        Assert.Equal("Organic Cotton Tee", Titles(index, "linen shirts shirt")[0]);
    }

    [Fact]
    public void A_long_word_two_typos_away_still_finds_the_product()
    {
        var index = Index(Product("Vinpocetine 10mg Capsules", "Supplements"), Product("Vitamin C Capsules", "Supplements"));
        Assert.Equal(["Vinpocetine 10mg Capsules"], Titles(index, "vinpositine"));
    }

    [Fact]
    public void A_short_word_two_typos_away_is_not_guessed()
    {
        var index = Index(Product("Ceramic Coffee Mug", "Drinkware"));
        Assert.Empty(Titles(index, "mgg"));
        Assert.Empty(Titles(index, "cofefa"));
    }

    [Fact]
    public void A_short_word_or_a_changed_first_letter_is_not_taken_for_another_catalog_word()
    {
        var index = Index(Product("Cuddly Bear Plush", "Plush"), Product("Sourdough Year Cookbook", "Book"),
            Product("Wedding Wishes Card Set", "Cards"), Product("Wool Scarf", "Scarf"));
        Assert.Empty(Titles(index, "gear"));
        Assert.Empty(Titles(index, "fishes"));
        // A real slip inside a longer word is still read: two letters swapped, at the start too.
        Assert.Equal(["Wool Scarf"], Titles(index, "scraf"));
        Assert.Equal(["Wool Scarf"], Titles(index, "sacrf"));
    }

    [Fact]
    public void A_misspelt_word_is_given_back_as_the_titles_write_it_and_known_or_short_words_are_left_alone()
    {
        var index = Index(Product("Wool Scarf", "Scarf"), Product("Foldable Wireless Headphones", "Headphones"), Product("Cuddly Bear", "Plush"));
        var searcher = ShopIndexSearcher.Default;
        Assert.Equal("scarf", searcher.Spelled(index, "sacrf"));
        Assert.Equal("wireless headphones", searcher.Spelled(index, "wireles headphnes"));
        Assert.Equal("gear", searcher.Spelled(index, "gear"));
        Assert.Equal("snowboard scarf", searcher.Spelled(index, "snowboard scarf"));
    }

    [Fact]
    public void Words_no_product_has_in_any_form_are_reported_as_unknown()
    {
        var index = Index(Product("Ribbed Wool Socks", "Socks"), Product("Fisherman Sweater", "Sweater"));
        var searcher = ShopIndexSearcher.Default;
        Assert.Equal(["snowboard"], searcher.UnknownWords(index, "snowboard socks"));
        // Known through a synonym, a typo fix or a stop word: not unknown.
        Assert.Empty(searcher.UnknownWords(index, "a jumper"));
        Assert.Empty(searcher.UnknownWords(index, "wool sokcs"));
        Assert.Equal(["fishing", "rods"], searcher.UnknownWords(index, "fishing rods"));
    }

    [Fact]
    public void Title_feedback_reorders_the_results_but_never_adds_or_drops_one()
    {
        var products = Enumerable.Range(1, 30).Select(i => Product($"Mystery Novel Book {i}: The Silent Witness", "Books"))
            .Concat(Enumerable.Range(1, 30).Select(i => Product($"Book Stand {i} for Reading in Bed", "Book Stands")))
            .ToArray();
        var index = Index(products);
        var with = Titles(index, "book");
        var without = Titles(index, "book", RankingSettings.Default with { FeedbackTerms = 0 });
        Assert.Equal(60, with.Count);
        Assert.Equal(without.Order(), with.Order());
    }

    [Fact]
    public void A_brand_the_shopper_names_ranks_its_own_products_above_look_alikes_that_mention_it()
    {
        var index = Index(
            Product("Dakota Women's Moccasin Slipper, Chestnut, 8", "Slippers", vendor: "UGG"),
            Product("Women's Fuzzy Slippers, UGG Style Faux Fur", "Slippers", vendor: "Cozyfeet"),
            Product("Men's Canvas Sneakers", "Sneakers", vendor: "UGG"));
        Assert.Equal("Women's Fuzzy Slippers, UGG Style Faux Fur", Titles(index, "ugg slippers women", FirstStageOnly)[0]);
        Assert.Equal("Dakota Women's Moccasin Slipper, Chestnut, 8", Titles(index, "ugg slippers women")[0]);
    }

    [Fact]
    public void A_query_word_that_is_only_part_of_a_vendor_name_does_not_count_as_naming_the_brand()
    {
        var index = Index(
            Product("Classic Leather Belt, Black", "Belts", vendor: "Brown Shoe Company"),
            Product("Braided Stretch Belt, Brown", "Belts", vendor: "Acme"));
        // A strong brand weight, so that counting the shared word as the brand would reorder these two.
        var withBrand = Titles(index, "brown belt", RankingSettings.Default with { Rerank = RerankWeights.Default with { BrandNamed = 3 } });
        var withoutBrand = Titles(index, "brown belt", RankingSettings.Default with { Rerank = RerankWeights.Default with { BrandNamed = 0 } });
        Assert.Equal("Braided Stretch Belt, Brown", withBrand[0]);
        Assert.Equal(withoutBrand, withBrand);
    }

    [Theory]
    [InlineData("wall lamp without cord", "Cordless Wall Lamp with Remote Control, Battery Operated, Dimmable LED Sconce", "Modern Wall Lamp", "Plug-in Wall Lamp with 6 ft Cord")]
    [InlineData("marshmallows without gelatin", "Vegan Marshmallows, Gelatin-Free, Vanilla, 10 oz Bag of Mini Marshmallows", "Fluffy Marshmallows", "Marshmallows made with Gelatin")]
    [InlineData("tortillas without gmo", "Corn Tortillas Non-GMO Project Verified, Pack of 30 Soft Taco Size Tortillas", "Flour Tortillas", "Tortillas from GMO corn")]
    public void A_title_saying_without_by_the_words_form_ranks_first_for_a_without_query(string query, string without, string plain, string with)
    {
        var index = Index(Product(without, "Shop"), Product(plain, "Shop"), Product(with, "Shop"));
        Assert.Equal(plain, Titles(index, query, FirstStageOnly)[0]);
        Assert.Equal([without, plain, with], Titles(index, query));
    }
}
