using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Intents;

public class TextFeaturizerTests
{
    private static (List<ulong> Words, List<ulong> Chars) Extract(FeaturizerSettings settings, string text)
    {
        List<ulong> words = [], chars = [];
        new TextFeaturizer(settings).Extract(text, words, chars);
        return (words, chars);
    }

    [Fact]
    public void A_block_weighted_zero_yields_no_features_of_that_kind()
    {
        var both = Extract(new FeaturizerSettings(), "track my parcel");
        var charsOnly = Extract(new FeaturizerSettings(WordWeight: 0), "track my parcel");
        var wordsOnly = Extract(new FeaturizerSettings(CharWeight: 0), "track my parcel");

        Assert.NotEmpty(both.Words);
        Assert.NotEmpty(both.Chars);
        Assert.Empty(charsOnly.Words);
        Assert.Equal(both.Chars, charsOnly.Chars);
        Assert.Empty(wordsOnly.Chars);
        Assert.Equal(both.Words, wordsOnly.Words);
    }

    [Fact]
    public void Word_pairs_ignore_order_and_skip_adjacent_words()
    {
        static HashSet<ulong> Pairs(string text) =>
            Extract(new FeaturizerSettings(WordPairs: true), text).Words.Except(Extract(new FeaturizerSettings(), text).Words).ToHashSet();

        // Three words: one non-adjacent pair (first with last), whichever way round.
        var forward = Pairs("balance bank account");
        var backward = Pairs("account bank balance");
        Assert.Single(forward);
        Assert.Equal(forward, backward);
        Assert.Empty(Pairs("bank balance")); // adjacent words are already a bigram
        Assert.Equal(6, Pairs("what is my bank balance").Count); // 5 words: 10 pairs, 4 of them adjacent
    }

    [Fact]
    public void Extraction_appends_to_the_lists_it_is_given()
    {
        List<ulong> words = [1, 2], chars = [3];
        new TextFeaturizer(new FeaturizerSettings(WordWeight: 0)).Extract("hello there", words, chars);
        Assert.Equal([1UL, 2UL], words);
        Assert.Equal(3UL, chars[0]);
        Assert.True(chars.Count > 1);
    }
}
