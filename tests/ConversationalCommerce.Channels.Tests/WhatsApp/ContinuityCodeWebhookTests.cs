using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Widget.Session;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>Continuity codes through the real WhatsApp webhook: words never link a phone, a real code links it once.</summary>
public sealed class ContinuityCodeWebhookTests(DemoWhatsAppApp wa) : IClassFixture<DemoWhatsAppApp>
{
    [Fact]
    public async Task Ordinary_messages_with_eight_letter_words_never_link_and_the_real_code_links_once_only()
    {
        const string to = "+16505550601";
        wa.GraphAccepts(to);
        var (web, code, shopName) = await wa.WithScopeAsync(async services =>
        {
            var threads = services.GetRequiredService<VisitorThreads>();
            var visitorId = Guid.NewGuid();
            var thread = await threads.ResolveAsync(visitorId, null, "en", CancellationToken.None);
            // As the hub does before it issues a code for a visitor who has not written yet.
            thread = await threads.EnsureStartedAsync(visitorId, thread, CancellationToken.None);
            var issued = await services.GetRequiredService<ContinuityCodes>().IssueAsync(wa.ShopId, thread.ConversationId, thread.CustomerId, CancellationToken.None);
            var name = await services.GetRequiredService<AppDbContext>().Shops.Where(s => s.Id == wa.ShopId).Select(s => s.Name).SingleAsync();
            return (thread, issued.Code, name);
        });

        // Ordinary questions (8-letter words, upper case, a dash) are answered as questions, nothing is linked.
        await wa.PostWebhookAsync(Notifications.Text("16505550601", "wamid.words-601a", "SHIPPING for BIRTHDAY presents - NECKLACE?"));
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the answer to the question");
        await wa.PostWebhookAsync(Notifications.Text("16505550601", "wamid.words-601b", "cashmere sweaters, cheapest-handbags"));
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 2, what: "the second answer");
        Assert.DoesNotContain(wa.SentTo(to), m => ((string?)m["text"]?["body"] ?? "").StartsWith("You're connected!"));
        Assert.Equal(0, await LinksAsync());
        var phoneThread = await ThreadOfAsync("wamid.words-601a");
        Assert.NotEqual(web.ConversationId, phoneThread);

        // The real code joins the widget's thread once.
        await wa.PostWebhookAsync(Notifications.Text("16505550601", "wamid.code-601c", ContinuityCodes.PrefilledText(shopName, code)));
        var connected = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 3, what: "the connected notice");
        Assert.StartsWith("You're connected!", (string?)connected[2]["text"]!["body"]);
        Assert.Equal(web.ConversationId, await ThreadOfAsync("wamid.code-601c"));
        Assert.Equal(1, await LinksAsync());

        // Sent again (a second tap of the link): an ordinary message now, answered, linking nothing more.
        await wa.PostWebhookAsync(Notifications.Text("16505550601", "wamid.code-601d", ContinuityCodes.PrefilledText(shopName, code)));
        var again = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 4, what: "the answer to the repeated code");
        Assert.False(((string?)again[3]["text"]?["body"] ?? "").StartsWith("You're connected!"));
        Assert.Equal(1, await LinksAsync());
        Assert.Equal(MessageRole.Shopper, (await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.code-601d"))).Role);
    }

    private Task<int> LinksAsync() => wa.QueryAsync(db => db.IdentityLinkRecords.CountAsync(r =>
        r.Kind == ChannelIdentityKind.Phone && r.Value == "+16505550601" && r.Evidence == IdentityEvidence.ContinuityCode));

    private Task<Guid> ThreadOfAsync(string wamid) =>
        wa.QueryAsync(db => db.Messages.Where(m => m.ExternalId == wamid).Select(m => m.ConversationId).SingleAsync());
}
