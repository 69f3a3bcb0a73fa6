namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// How recipients and occasions map onto the tags Shopify merchants commonly use ("for-her", "for-kids",
/// "birthday", "mothers-day"). Tags are matched case-insensitively; a shop without them still gets results.
/// </summary>
public static class GiftTags
{
    private static readonly HashSet<string> Her = ["mom", "wife", "girlfriend", "sister", "grandma", "aunt", "niece", "woman", "daughter"];
    private static readonly HashSet<string> Him = ["dad", "husband", "boyfriend", "brother", "grandpa", "uncle", "nephew", "man", "son"];
    private static readonly HashSet<string> Kids = ["child", "baby", "grandchild"];

    public static string? RecipientTag(string recipient, int? age)
    {
        if (age is < 13 || Kids.Contains(recipient)) return "for-kids";
        if (Her.Contains(recipient)) return "for-her";
        if (Him.Contains(recipient)) return "for-him";
        return null;
    }

    /// <summary>Age-band tags ("ages-3-5") that fit a child's age.</summary>
    public static IEnumerable<string> AgeTags(int? age) => age switch
    {
        null => [],
        < 3 => ["ages-0-2"],
        < 6 => ["ages-3-5"],
        < 8 => ["ages-6-8"],
        < 13 => ["ages-6-8", "ages-8-12"],
        _ => [],
    };

    public static string RecipientCollection(string tag) => tag switch
    {
        "for-her" => "gifts for her",
        "for-him" => "gifts for him",
        "for-kids" => "gifts for kids",
        _ => tag.Replace('-', ' '),
    };

    public static string OccasionTag(string occasion) => occasion.Replace('_', '-');

    public static string OccasionName(string occasion) => occasion switch
    {
        "mothers_day" => "Mother's Day",
        "fathers_day" => "Father's Day",
        "valentines" => "Valentine's Day",
        "christmas" => "Christmas",
        "new_year" => "New Year",
        "baby_shower" => "a baby shower",
        "back_to_school" => "back to school",
        "thank_you" => "a thank-you",
        "get_well" => "a get-well gift",
        "date_night" => "date night",
        "birthday" => "a birthday",
        "anniversary" => "an anniversary",
        "wedding" => "a wedding",
        "housewarming" => "a housewarming",
        "graduation" => "a graduation",
        "retirement" => "a retirement",
        "engagement" => "an engagement",
        "promotion" => "a promotion",
        "farewell" => "a farewell",
        "thanksgiving" or "hanukkah" or "diwali" or "eid" or "easter" or "halloween" => char.ToUpperInvariant(occasion[0]) + occasion[1..],
        _ => occasion.Replace('_', ' '),
    };

    public static string OccasionPlural(string occasion) => occasion switch
    {
        "birthday" => "birthdays",
        "anniversary" => "anniversaries",
        "wedding" => "weddings",
        "housewarming" => "housewarmings",
        "graduation" => "graduations",
        "retirement" => "retirements",
        "engagement" => "engagements",
        _ => OccasionName(occasion),
    };
}
