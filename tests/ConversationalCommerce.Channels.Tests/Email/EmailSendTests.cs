using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Replies;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>Replies go out through the outbox job over real SMTP and arrive, threaded, in the customer's IMAP mailbox.</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailSendTests(EmailTestHost host)
{
    private static readonly Reply Picks = new()
    {
        Text = "Here are three gifts for your mum under $50.",
        Products =
        [
            new ProductCard
            {
                ProductId = Guid.NewGuid(), ShopifyId = 1, Handle = "lavender-candle", Title = "Lavender Soy Candle",
                ImageUrl = "/demo-assets/products/lavender-candle.svg", Url = "/products/lavender-candle", Price = 24m, CompareAtPrice = 32m, Available = true,
            },
            new ProductCard
            {
                ProductId = Guid.NewGuid(), ShopifyId = 2, Handle = "silk-scarf", Title = "Silk Scarf <Blue & Gold>",
                ImageUrl = "https://cdn.example.com/scarf.jpg", Url = "/products/silk-scarf", Price = 45.5m, Available = true,
            },
        ],
        QuickReplies = ["Cheaper options", "Show me candles"],
    };

    [Fact]
    public async Task Reply_arrives_over_imap_threaded_under_the_customers_mail_with_reply_token_and_unsubscribe_headers()
    {
        var customer = Address();
        var (conversationId, outboxId) = await host.QueueAnswerAsync(customer, "first-1@customer.test", Picks);

        var row = await host.WaitForOutboxAsync(outboxId, OutboxStatus.Sent);
        var ourId = EmailAddresses.MessageId(outboxId, EmailTestHost.InboundDomain);
        Assert.Equal($"<{ourId}>", row.ProviderMessageId);

        var mail = await host.WaitForMailAsync(EmailTestHost.CustomerMailbox, SearchQuery.HeaderContains("Message-ID", ourId));
        Assert.Equal(ourId, mail.MessageId);
        Assert.Equal("first-1@customer.test", mail.InReplyTo);
        Assert.Equal(["first-1@customer.test"], mail.References);
        Assert.Equal(customer, mail.To.Mailboxes.Single().Address);
        Assert.Equal(EmailTestHost.ShopMailbox, mail.From.Mailboxes.Single().Address);

        var thread = await host.InShopAsync((db, _) => db.EmailThreads.AsNoTracking().SingleAsync(t => t.ConversationId == conversationId));
        Assert.Equal($"reply+{thread.ReplyToken}@shop.test", mail.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(32, thread.ReplyToken.Length);
        Assert.Equal($"<mailto:unsubscribe+{thread.UnsubscribeToken}@shop.test?subject=unsubscribe>, <https://app.test/email/unsubscribe/{thread.UnsubscribeToken}>",
            mail.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-replied", mail.Headers["Auto-Submitted"]);
        Assert.Equal(EmailTestHost.ShopMailbox, mail.Headers["X-Loop"]);

        // The same reply in both alternatives.
        Assert.Contains("Here are three gifts for your mum under $50.", mail.TextBody);
        Assert.Contains("* Lavender Soy Candle", mail.TextBody);
        Assert.Contains("$24.00 (was $32.00)", mail.TextBody);
        Assert.Contains("https://demo-store.myshopify.com/products/lavender-candle", mail.TextBody);
        Assert.Contains("  - Cheaper options", mail.TextBody);
        Assert.Contains("<img src=\"https://app.test/demo-assets/products/lavender-candle.svg\"", mail.HtmlBody);
        Assert.Contains("<img src=\"https://cdn.example.com/scarf.jpg\"", mail.HtmlBody);
        Assert.Contains("<s style=\"color:#6b6b6b\">$32.00</s>", mail.HtmlBody);
        Assert.Contains("Silk Scarf &lt;Blue &amp; Gold&gt;", mail.HtmlBody);
        Assert.Contains("$45.50", mail.HtmlBody);
        Assert.Contains($"mailto:reply+{thread.ReplyToken}@shop.test?subject=", mail.HtmlBody);
        Assert.Contains("body=Show%20me%20candles", mail.HtmlBody);
    }

    [Fact]
    public async Task Second_reply_references_the_whole_thread_oldest_first()
    {
        var customer = Address();
        var (conversationId, first) = await host.QueueAnswerAsync(customer, "thread-a@customer.test", Picks);
        await host.WaitForOutboxAsync(first, OutboxStatus.Sent);
        var (_, second) = await host.QueueAnswerAsync(customer, "thread-b@customer.test", new Reply { Text = "The candle comes in green too." }, conversationId);
        await host.WaitForOutboxAsync(second, OutboxStatus.Sent);

        var mail = await host.WaitForMailAsync(EmailTestHost.CustomerMailbox,
            SearchQuery.HeaderContains("Message-ID", EmailAddresses.MessageId(second, EmailTestHost.InboundDomain)));
        Assert.Equal("thread-b@customer.test", mail.InReplyTo);
        Assert.Equal(["thread-a@customer.test", EmailAddresses.MessageId(first, EmailTestHost.InboundDomain), "thread-b@customer.test"], mail.References);
        var thread = await host.InShopAsync((db, _) => db.EmailThreads.AsNoTracking().SingleAsync(t => t.ConversationId == conversationId));
        Assert.Equal($"reply+{thread.ReplyToken}@shop.test", mail.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Permanent_smtp_refusal_fails_the_send_without_retrying()
    {
        // Postfix relays for nobody: a foreign domain is refused with 554 5.7.1.
        var (_, outboxId) = await host.QueueAnswerAsync($"someone{Guid.NewGuid():N}@elsewhere.example", null, Picks);
        var row = await host.WaitForOutboxAsync(outboxId, OutboxStatus.Failed);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("SMTP 554", row.Error);
    }

    [Fact]
    public async Task Unsubscribe_link_records_the_opt_out_and_later_sends_are_cancelled()
    {
        var customer = Address();
        var (conversationId, first) = await host.QueueAnswerAsync(customer, null, Picks);
        await host.WaitForOutboxAsync(first, OutboxStatus.Sent);
        var token = await host.InShopAsync((db, _) => db.EmailThreads.AsNoTracking().Where(t => t.ConversationId == conversationId).Select(t => t.UnsubscribeToken).SingleAsync());

        // A link scanner's GET changes nothing; the one-click POST does (RFC 8058).
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Http.GetAsync($"/email/unsubscribe/{token}")).StatusCode);
        Assert.Null(await OptedOutAtAsync(customer));
        var post = await host.Http.PostAsync($"/email/unsubscribe/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(System.Net.HttpStatusCode.OK, post.StatusCode);
        Assert.NotNull(await OptedOutAtAsync(customer));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Http.PostAsync("/email/unsubscribe/notatoken0000000000000000", null)).StatusCode);

        var (_, later) = await host.QueueAnswerAsync(customer, null, new Reply { Text = "One more idea" }, conversationId);
        var row = await host.WaitForOutboxAsync(later, OutboxStatus.Cancelled);
        Assert.Contains("opted out", row.Error);
    }

    [Fact]
    public async Task Smtp_server_down_is_retried()
    {
        // Points the shop at a closed port for this test only, then back.
        var settings = await host.InShopAsync((_, sp) => sp.GetRequiredService<Channels.Email.Settings.EmailSettingsStore>().GetAsync(CancellationToken.None));
        await host.InShopAsync(async (_, sp) =>
        {
            await sp.GetRequiredService<Channels.Email.Settings.EmailSettingsStore>().SaveAsync(settings! with { SmtpPort = 1 }, CancellationToken.None);
            return 0;
        });
        try
        {
            var (_, outboxId) = await host.QueueAnswerAsync(Address(), null, Picks);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            OutboxMessage row;
            do
            {
                await Task.Delay(100);
                row = await host.InShopAsync((db, _) => db.Outbox.AsNoTracking().FirstAsync(o => o.Id == outboxId));
            } while (row.Attempts < 2 && DateTime.UtcNow < deadline);
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.True(row.Attempts >= 2, $"attempts {row.Attempts}");
            Assert.Contains("SMTP unavailable", row.Error);
        }
        finally
        {
            await host.InShopAsync(async (_, sp) =>
            {
                await sp.GetRequiredService<Channels.Email.Settings.EmailSettingsStore>().SaveAsync(settings!, CancellationToken.None);
                return 0;
            });
        }
    }

    private Task<DateTimeOffset?> OptedOutAtAsync(string address) =>
        host.InShopAsync((db, _) => db.ChannelIdentities.AsNoTracking()
            .Where(i => i.Kind == Domain.Customers.ChannelIdentityKind.Email && i.Value == address).Select(i => i.OptedOutAt).SingleAsync());

    private static string Address() => $"customer+{Guid.NewGuid():N}@customer.test";
}
