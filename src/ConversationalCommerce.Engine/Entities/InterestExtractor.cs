using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// What the gift's recipient is into: "my sister likes cooking", "he's into hiking", "a tea lover", "kids who love
/// dinosaurs", "for a keen gardener". Only third-person and recipient phrasings count: "I love this one" is the
/// shopper's opinion of a product, not a hobby. Known hobbies are normalised ("likes to cook" -> cooking); anything
/// else is kept as typed ("dinosaurs") and searched as words.
/// </summary>
public static partial class InterestExtractor
{
    /// <summary>Hobbies with a canonical name, so the search terms and the reply wording do not depend on the verb form.</summary>
    public static readonly Lexicon Known = Lexicon.FromGroups(
    [
        "cooking: cook, cooks, chef, chefs, foodie, foodies, food, culinary, to cook, kitchen",
        "baking: bake, baker, bakers, to bake",
        "coffee: espresso, barista, caffeine, coffee drinker",
        "tea: tea drinker",
        "hiking: hike, hikes, hiker, hikers, to hike, trekking, hill walking, walking",
        "camping: camp, camper, campers, to camp",
        "the outdoors: outdoors, outdoor, nature, adventure, adventures, being outside",
        "running: run, runner, runners, to run, jogging, jogger, marathons",
        "fitness: gym, workout, workouts, working out, exercise, exercising, training, sport, sports, athlete",
        "yoga: pilates, meditation, meditating, yogi",
        "reading: read, reader, readers, to read, books, bookworm, book",
        "writing: write, writer, writers, to write, journaling, journal, poetry",
        "art: drawing, to draw, painting, to paint, sketching, artist, artists, illustration",
        "crafts: craft, crafting, crafty, diy, knitting, sewing, crochet, making things",
        "music: musician, musicians, singing, guitar, piano, vinyl, records",
        "gaming: games, gamer, gamers, video games, playing games, video gaming",
        "board games: board game, tabletop games, card games, puzzles, jigsaws, jigsaw puzzles",
        "tech: gadgets, gadget, technology, electronics, computers, tech stuff",
        "travel: travelling, traveling, to travel, traveller, traveler, travellers, travelers, trips, exploring",
        "gardening: garden, gardens, gardener, gardeners, plants, to garden",
        "beauty: makeup, make-up, skincare, skin care, cosmetics",
        "pampering: self care, self-care, spa days, baths, bubble baths, relaxing, being pampered",
        "fashion: clothes, style, dressing up",
        "jewellery: jewelry, bling",
        "photography: photographer, photos, taking photos, cameras",
        "wine: wine lover",
        "dogs: dog, puppies, puppy",
        "cats: cat, kittens, kitten",
        "pets: pet, animals",
    ]);

    // Words that end the interest phrase: money, other requests and clause glue.
    private const string Stop = @"under|below|over|less|more|around|about|between|within|up|max|budget|and|but|or|so|for|with|to|any|anything|some|something|what|which|ideas?|gifts?|presents?|please|pls|too|also|lately|recently|right|now|a|lot|loads|very|much|really|the|can|could|would|do|does|is|are|was|has|have|i|we|you|he|she|they|who|that|this|these|those|it|them|me|my|your|his|her|their|our|on|in|at|of|from|like|likes|love|loves|$";

    // "who likes cooking", "she loves tea", "he's really into hiking", "kids who love dinosaurs", "is a big fan of puzzles".
    [GeneratedRegex(
        @"(?<![\w'])(?:(?:who|that|he|she|they|he's|she's|they're|him|her|them|kid|kids|child|children|son|daughter|mom|mum|dad|wife|husband|boyfriend|girlfriend|partner|brother|sister|friend|grandma|grandpa|grandmother|grandfather|niece|nephew|boss|coworker|colleague|teacher|(?:\d{1,2}[- ]year[- ]old))(?:'s|'re)?\s+(?:(?:is|are|was|'s|'re)\s+)?(?:(?:really|totally|so|very|super|absolutely|just|kind\s+of|kinda|also|more|mostly|actually|now|still)\s+)?(?:likes?|loves?|enjoys?|adores?|into|(?:a\s+|an\s+)?(?:big\s+|huge\s+|massive\s+)?fans?\s+of|crazy\s+about|mad\s+about|obsessed\s+with|passionate\s+about|keen\s+on|interested\s+in|a\s+lover\s+of|all\s+about)|(?:likes|loves|enjoys|adores)|(?:is|'s|are|'re|and)\s+(?:(?:really|totally|so|very|super|big|huge|more|mostly|actually|now|still)\s+)?(?:into|obsessed\s+with|crazy\s+about|passionate\s+about|a\s+(?:big\s+|huge\s+)?fan\s+of))\s+(?<what>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2})",
        RegexOptions.CultureInvariant)]
    private static partial Regex VerbForm();

    // "a tea lover", "coffee addict", "book nerd", "fitness enthusiasts".
    [GeneratedRegex(
        @"(?<![\w'])(?<what>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)\s+(?:lovers?|fans?|enthusiasts?|addicts?|junkies?|nerds?|geeks?|buffs?|fanatics?|aficionados?|connoisseurs?)(?![\w'])(?!\s+of\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex NounForm();

    // "for a keen gardener", "gift for a runner": a hobby noun after "for a"; only known hobbies, so "for a runner
    // rug" style product words are not read as people.
    [GeneratedRegex(
        @"(?<![\w'])for\s+(?:a|an|my|our)\s+(?:(?:keen|avid|passionate|budding|aspiring|big|huge|serious|casual|amateur|home|little)\s+)?(?<what>cook|chef|foodie|baker|hiker|camper|runner|jogger|gamer|reader|bookworm|writer|artist|musician|gardener|traveller|traveler|photographer|yogi|athlete)(?![\w'])",
        RegexOptions.CultureInvariant)]
    private static partial Regex HobbyPerson();

    private static readonly Regex StopWord = new($@"^(?:{Stop})$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Not hobbies even after "loves": pronouns and filler ("she loves it", "he likes that kind of thing").</summary>
    private static readonly HashSet<string> NotInterests = new(StringComparer.Ordinal)
    {
        "it", "them", "that", "this", "these", "those", "everything", "anything", "something", "stuff", "things", "thing",
        "surprises", "gifts", "presents", "nice", "cute", "pretty", "simple", "practical", "useful", "unique", "quality",
        "colour", "colours", "color", "colors", "one", "ones", "mine", "yours", "him", "her", "me", "you", "us",
        "big", "huge", "massive", "real", "true", "total", "great", "keen", "avid", "absolute", "serious", "such",
    };

    /// <summary>Finds one interest, claims its words (so they are not also search keywords) and returns its name.</summary>
    /// <remarks>
    /// Runs after the product attributes, on the text they left: "she likes blue" stays a colour and "he loves
    /// watches" a product type, and "likes hiking boots" with "boots" taken still finds hiking.
    /// </remarks>
    public static string? Extract(EntityText text) => Extract(text, _ => false);

    /// <param name="isProduct">Whether a phrase names a kind of product ("she loves jewelry"): then it is searched as
    /// that product, not as a hobby.</param>
    public static string? Extract(EntityText text, Func<string, bool> isProduct)
    {
        var free = text.Unclaimed();
        foreach (var pattern in new[] { HobbyPerson(), VerbForm(), NounForm() })
            foreach (Match match in pattern.Matches(free))
            {
                if (Trim(match.Groups["what"]) is not var (index, length, value) || isProduct(value)) continue;
                var interest = Canonical(value);
                var also = pattern == NounForm() ? index + length : AlsoKnown(free, index + length);
                if (also > index + length)
                    interest += " and " + Canonical(Regex.Replace(free[(index + length)..also], @"^\s+and\s+(?:the\s+)?", "", RegexOptions.CultureInvariant));
                // The cue goes too ("likes", "lover"): left behind it would be searched for.
                var end = pattern == NounForm() ? match.Index + match.Length : also;
                text.Claim(match.Index, end - match.Index);
                return interest;
            }
        // "is a big fan of puzzles" where puzzles are a product type: no interest, and the cue is not a keyword either.
        foreach (Match cue in Cue().Matches(free)) text.Claim(cue);
        return null;
    }

    [GeneratedRegex(@"(?<![\w'])(?:(?:is|are|'s|'re)\s+)?(?:(?:really|totally|so|very|super|more|mostly)\s+)?(?:(?:a\s+|an\s+)?(?:big\s+|huge\s+|massive\s+)?fans?\s+of|into|obsessed\s+with|crazy\s+about|passionate\s+about|mad\s+about)(?=\s+(?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex Cue();

    /// <summary>The canonical name of a known hobby ("bookworm", "likes to read" -> reading), else the words as given.</summary>
    public static string Canonical(string interest)
    {
        var words = interest.Trim().ToLowerInvariant();
        var t = new EntityText(words);
        var known = Known.Take(t);
        // "cooking" is cooking; "cooking classes" stays as typed rather than collapse to one hobby word.
        return known.Count == 1 && t.Unclaimed().Trim().Length == 0 ? known[0] : words;
    }

    /// <summary>"gardening and the outdoors": a second known hobby joined by "and" belongs to the same interest.</summary>
    private static int AlsoKnown(string free, int end)
    {
        var and = AndKnown().Match(free, end);
        if (!and.Success || and.Index != end) return end;
        var probe = new EntityText(and.Groups["next"].Value);
        return Known.Take(probe).Count > 0 && probe.Unclaimed().Trim().Length == 0 ? and.Index + and.Length : end;
    }

    [GeneratedRegex(@"\s+and\s+(?:the\s+)?(?<next>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)?)(?![a-z'-])", RegexOptions.CultureInvariant)]
    private static partial Regex AndKnown();

    /// <summary>The interest words up to the first stop word (leading articles skipped); null when nothing hobby-like is left.</summary>
    private static (int Index, int Length, string Value)? Trim(Group group)
    {
        var words = new List<Capture>();
        foreach (Match w in WordPattern().Matches(group.Value))
        {
            if (words.Count == 0 && w.Value is "the" or "a" or "an" or "all" or "and" or "also") continue;
            // "likes to cook": "to" only opens the phrase.
            if (StopWord.IsMatch(w.Value) && !(words.Count == 0 && w.Value == "to")) break;
            words.Add(w);
        }
        if (words.Count == 0 || words is [{ Value: "to" }]) return null;
        var first = words[0];
        var last = words[^1];
        var value = group.Value[first.Index..(last.Index + last.Length)];
        if (NotInterests.Contains(value) || value.Length < 3) return null;
        return (group.Index + first.Index, last.Index + last.Length - first.Index, value);
    }

    [GeneratedRegex(@"[a-z][a-z'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
