using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>
/// A merchant has taken a WhatsApp customer's thread over (status HandedOff, as the admin sets it): the customer's
/// messages arrive through the real webhook and inbox and are stored, the assistant sends one notice and then nothing
/// until the thread is handed back.
/// </summary>
public sealed class WhatsAppTakeoverTests(DemoWhatsAppApp wa) : IClassFixture<DemoWhatsAppApp>
{
    [Fact]
    public async Task Taken_over_thread_gets_one_notice_then_no_reply_until_handed_back()
    {
        const string to = "+16505550501";
        wa.GraphAccepts(to);
        await wa.PostWebhookAsync(Notifications.Text("16505550501", "wamid.take-501a", "do you have scented candles?"));
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the first answer");
        var conversationId = await wa.QueryAsync(db => db.Messages.Where(m => m.ExternalId == "wamid.take-501a").Select(m => m.ConversationId).SingleAsync());
        await SetStatusAsync(conversationId, ConversationStatus.HandedOff);

        await wa.PostWebhookAsync(Notifications.Text("16505550501", "wamid.take-501b", "can a person help me?"));
        var notice = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 2, what: "the takeover notice");
        Assert.Equal("Thanks, a member of our team will reply here.", (string?)notice[1]["text"]!["body"]);

        await wa.PostWebhookAsync(Notifications.Text("16505550501", "wamid.take-501c", "I need it by Friday"));
        await ProcessedAsync("wamid.take-501c");
        await wa.PostWebhookAsync(Notifications.Text("16505550501", "wamid.take-501d", "hello?"));
        await ProcessedAsync("wamid.take-501d");

        Assert.Equal(2, wa.SentTo(to).Count);
        var thread = await wa.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Shopper, MessageRole.System, MessageRole.Shopper, MessageRole.Shopper],
            thread.Select(m => m.Role));
        Assert.Equal(["do you have scented candles?", "can a person help me?", "I need it by Friday", "hello?"],
            thread.Where(m => m.Role == MessageRole.Shopper).Select(m => m.Text));
        Assert.Equal(1, await wa.QueryAsync(db => db.Outbox.CountAsync(o => o.ConversationId == conversationId && o.MessageId == thread[3].Id)));

        await SetStatusAsync(conversationId, ConversationStatus.Open);
        await wa.PostWebhookAsync(Notifications.Text("16505550501", "wamid.take-501e", "show me scented candles"));
        var answered = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 3, what: "the assistant's answer after hand-back");
        Assert.Equal("interactive", (string?)answered[2]["type"]);
    }

    /// <summary>What the admin's status endpoint writes: the status, a reset notice flag and a new version.</summary>
    private Task SetStatusAsync(Guid conversationId, ConversationStatus status) =>
        wa.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Status, status).SetProperty(c => c.TakeoverNoticeSent, false).SetProperty(c => c.Version, Guid.NewGuid())));

    private Task ProcessedAsync(string wamid) =>
        wa.EventuallyAsync(db => db.Inbox.AsNoTracking().Where(i => i.Source == "whatsapp" && i.DedupeKey.Contains(wamid)).Select(i => i.Status).ToListAsync(),
            s => s.Count == 1 && s[0] == InboxStatus.Done, what: $"{wamid} to be processed");
}
