using System.Net;
using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>Questions about a shown product are answered from its own data, and what the data does not say is not guessed.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class ProductQuestionTests(DemoConversationApp app)
{
    [Fact]
    public async Task A_question_about_them_after_a_list_is_about_what_was_shown()
    {
        var turns = await app.ChatAsync("do you have wireless headphones", "are they waterproof?", "tell me more about them");

        Assert.Equal(CommerceIntents.ProductQuestion, turns[1].Reply.Intent);
        Assert.Equal(CommerceIntents.ProductQuestion, turns[2].Reply.Intent);
        Assert.Equal(turns[0].Reply.Products[0].ProductId, turns[1].Reply.Products[0].ProductId);
    }

    [Fact]
    public async Task Something_the_description_does_not_say_is_not_promised_and_a_person_is_offered()
    {
        var turns = await app.ChatAsync("do you have wireless headphones", "are they waterproof?");
        var product = (await app.ProductsAsync())[turns[1].Reply.Products[0].ProductId];
        var reply = turns[1].Reply;

        Assert.DoesNotContain("waterproof", product.BodyHtml, StringComparison.OrdinalIgnoreCase); // the premise of this test
        Assert.Contains("\u201cwaterproof\u201d", reply.Text);
        Assert.DoesNotContain("yes", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Talk to a person", reply.QuickReplies);
    }

    [Fact]
    public async Task A_specific_question_is_answered_with_the_sentence_of_the_description_that_names_it()
    {
        var battery = await app.ChatAsync("do you have wireless headphones", "how long does the battery last");
        var dishwasher = await app.ChatAsync("show me mugs", "is the first one dishwasher safe?");
        var products = await app.ProductsAsync();

        foreach (var turn in new[] { battery[1], dishwasher[1] })
        {
            var body = WebUtility.HtmlDecode(products[turn.Reply.Products[0].ProductId].BodyHtml);
            var quoted = turn.Reply.Text.Split('\u201c', '\u201d')[1];
            Assert.Contains(quoted.Replace("Care: ", "", StringComparison.Ordinal), body);
        }
        Assert.Contains("battery", battery[1].Reply.Text.Split('\u201c')[1], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("dishwasher", dishwasher[1].Reply.Text.Split('\u201c')[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(dishwasher[0].Reply.Products[0].ProductId, dishwasher[1].Reply.Products[0].ProductId);
    }

    [Fact]
    public async Task A_feature_the_product_lacks_but_another_of_its_kind_names_is_pointed_out_and_it_stays_the_focus()
    {
        var turns = await app.ChatAsync("headphones", "does the first one have noise cancelling", "how long does the battery last on it");
        var first = turns[0].Reply.Products[0];
        var products = await app.ProductsAsync();
        var reply = turns[1].Reply;

        Assert.Equal(2, reply.Products.Count);
        Assert.Equal(first.ProductId, reply.Products[0].ProductId);
        var other = products[reply.Products[1].ProductId];
        Assert.Equal(first.ProductType, other.ProductType);
        Assert.Contains("noise", (other.Title + " " + other.BodyHtml).ToLowerInvariant());
        Assert.Contains(other.Title, reply.Text);
        // "it" is still the first one, and "last" is a verb here, not "the last one".
        Assert.Equal(first.ProductId, Assert.Single(turns[2].Reply.Products).ProductId);
    }
}
