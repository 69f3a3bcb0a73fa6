using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>Who a gift is for, normalised ("mum" -> "mom", "bf" -> "boyfriend"), and their age when given.</summary>
public static class RecipientExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public static readonly Lexicon People = Lexicon.FromGroups(
    [
        "mom: mum, mother, mommy, mummy, mama, momma, mother in law, mom in law, mum in law, stepmom, stepmother",
        "dad: father, daddy, papa, pops, father in law, dad in law, stepdad, stepfather",
        "wife: wifey, missus",
        "husband: hubby",
        "boyfriend: bf, boyf",
        "girlfriend: gf",
        "partner: fiance, fiancé, fiancee, fiancée, spouse, significant other, other half",
        "sister: sis, sister in law, stepsister",
        "brother: bro, brother in law, stepbrother",
        "son: stepson",
        "daughter: stepdaughter",
        "grandma: grandmother, granny, nana, nan, gran, grandmom",
        "grandpa: grandfather, grandad, granddad, gramps, grandpop",
        "grandchild: grandson, granddaughter, grandkid, grandkids, grandchildren",
        "aunt: auntie, aunty",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "friend: best friend, bestie, bff, buddy, pal, mate, friends",
        "coworker: co-worker, colleague, workmate, coworkers, colleagues, team",
        "boss: manager, supervisor",
        "teacher: teachers, tutor, coach",
        "neighbor: neighbour, neighbors, neighbours",
        "host: hostess, hosts",
        "baby: newborn, infant, babies",
        "child: kid, kids, children, toddler, toddlers, little one, boy, girl, little boy, little girl",
        "teen: teenager, teenagers, teens, teenage boy, teenage girl",
        "couple: newlyweds, the couple",
        "man: guy, guys, men, gentleman",
        "woman: lady, ladies, women",
        "client: clients",
        "nurse: doctor",
        "dog: puppy, dog lover",
        "cat: kitten, cat lover",
    ]);

    // "a 5 year old", "my 10-year-old nephew", "5yo", "turning 7", "aged 7", "kids under 5", "80th birthday", "he's 16".
    private static readonly Regex Age = new(
        @"\b(?:he|she|they)(?:'s|\s+is|\s+are|'re)\s+(?:turning\s+|about\s+|nearly\s+|almost\s+|only\s+|just\s+)?(?<n>\d{1,2})\b(?!\s*(?:%|\$|dollars?|bucks|euros?|pounds?|quid|cm|kg|lbs?|inch|in\b|feet|ft))|\b(?<n>\d{1,2})\s*(?:-|\s)?\s*(?:years?|yrs?|y/?o)(?:\s*-?\s*old)?s?\b|\b(?:turning|aged?|age)\s+(?<n>\d{1,2})\b|\b(?<n>\d{1,3})(?:st|nd|rd|th)\s+(?=birthday|bday|b-day)|\b(?:kids?|children|toddlers?)\s+under\s+(?<n>\d{1,2})\b",
        Options);

    // "for him" / "for her" only count after "for": "her" alone is just a pronoun.
    private static readonly Regex HimHer = new(@"\bfor\s+(?<w>him|her)\b", Options);

    public static (string? Recipient, int? Age) Extract(EntityText text)
    {
        int? age = null;
        foreach (var m in text.Free(Age))
        {
            age = int.Parse(m.Groups["n"].Value);
            text.Claim(m); // "birthday" after "80th" is a lookahead, left for the occasion extractor
            break;
        }

        string? recipient = null;
        var hm = text.Free(HimHer).FirstOrDefault();
        if (hm is not null)
        {
            recipient = hm.Groups["w"].Value == "him" ? "man" : "woman";
            text.Claim(hm.Groups["w"]);
        }
        var people = People.Take(text);
        if (people.Count > 0) recipient = people[0];
        if (recipient == "child" && age is >= 13 and < 18) recipient = "teen";
        if (recipient is null && age is not null)
            recipient = age < 1 ? "baby" : age < 13 ? "child" : age < 18 ? "teen" : null;
        return (recipient, age);
    }
}
