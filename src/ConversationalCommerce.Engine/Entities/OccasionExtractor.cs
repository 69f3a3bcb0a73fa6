namespace ConversationalCommerce.Engine.Entities;

/// <summary>The occasion a purchase is for, normalised ("bday" -> "birthday", "xmas" -> "christmas").</summary>
public static class OccasionExtractor
{
    public static readonly Lexicon Occasions = Lexicon.FromGroups(
    [
        "birthday: bday, b-day, birthdays, bday party, birthday party",
        "anniversary: anniversaries, wedding anniversary",
        "christmas: xmas, x-mas, holidays, holiday season, secret santa, stocking stuffer, stocking stuffers, stocking filler, stocking fillers",
        "wedding: weddings, bridal shower, bachelorette, bachelor party, hen party, stag party",
        "housewarming: house warming, new home, new house, new apartment, new flat, moving in",
        "valentines: valentine, valentine's, valentines day, valentine's day",
        "mothers_day: mother's day, mothers day, mother day, mom's day, mum's day",
        "fathers_day: father's day, fathers day, father day, dad's day",
        "graduation: grad, graduating, graduated, commencement",
        "baby_shower: baby shower, new baby, gender reveal, christening, baptism",
        "retirement: retiring, retired, retirement party",
        "engagement: engaged, proposal",
        "thanksgiving",
        "hanukkah: chanukah",
        "diwali",
        "eid",
        "easter",
        "new_year: new year, new year's, new years, nye",
        "get_well: get well, get well soon",
        "thank_you: thank you gift, thank-you gift, appreciation",
        "farewell: going away, goodbye gift, leaving do, leaving gift",
        "sympathy: condolence, condolences, bereavement",
        "promotion: new job",
        "back_to_school: back to school",
        "halloween",
        "date_night: date night",
    ]);

    public static string? Extract(EntityText text) => Occasions.Take(text).FirstOrDefault();
}
