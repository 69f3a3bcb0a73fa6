using System.Net;
using System.Text;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>
/// Mail in, answer out, through the whole app: the IMAP poller (or the webhook) stores the mail in the inbox, the
/// email handler routes it and asks the conversation service, and the answer goes back over SMTP in the same thread.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class EmailConversationTests(EmailTestHost host)
{
    [Fact]
    public async Task Customer_mail_is_answered_and_a_reply_with_quoted_history_continues_the_same_conversation()
    {
        var customer = Address();
        var firstId = NewId();
        await host.SendAsCustomerAsync(Mail(customer, EmailTestHost.ShopMailbox, firstId, "Gift for my mom", "I'm looking for a birthday gift for my mom under $50"));

        var answer = await host.WaitForMailAsync(EmailTestHost.CustomerMailbox, SearchQuery.HeaderContains("In-Reply-To", firstId), TimeSpan.FromSeconds(60));
        Assert.Equal("Re: Gift for my mom", answer.Subject);
        Assert.Equal([firstId], answer.References);
        var first = await ShopperMessageAsync(firstId);
        Assert.Equal("I'm looking for a birthday gift for my mom under $50", first.Text);
        var replyTo = answer.ReplyTo.Mailboxes.Single().Address;
        Assert.StartsWith("reply+", replyTo);

        // The customer answers from their mail client: quoted history and a signature below the new line.
        var secondId = NewId();
        var reply = Mail(customer, replyTo, secondId, "Re: Gift for my mom",
            "Show me something cheaper\n\nthanks\n-- \nAnna\n\nOn Mon, 30 Nov 2026 at 14:02, Demo Store <inbox@shop.test> wrote:\n> " +
            string.Join("\n> ", (answer.TextBody ?? "").Split('\n')));
        reply.InReplyTo = answer.MessageId;
        reply.References.Add(firstId);
        reply.References.Add(answer.MessageId!);
        await host.SendAsCustomerAsync(reply);

        var second = await host.WaitForMailAsync(EmailTestHost.CustomerMailbox, SearchQuery.HeaderContains("In-Reply-To", secondId), TimeSpan.FromSeconds(60));
        var shopper = await ShopperMessageAsync(secondId);
        Assert.Equal("Show me something cheaper\n\nthanks", shopper.Text);
        Assert.Equal(first.ConversationId, shopper.ConversationId);
        Assert.Equal([firstId, answer.MessageId!, secondId], second.References);
        Assert.Equal(replyTo, second.ReplyTo.Mailboxes.Single().Address);

        var thread = await host.InShopAsync((db, _) => db.Messages.AsNoTracking().Where(m => m.ConversationId == first.ConversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Shopper, MessageRole.Assistant], thread.Select(m => m.Role));
        Assert.All(thread, m => Assert.Equal(Channel.Email, m.Channel));

        // The poller flagged what it stored as \Seen.
        using var imap = new ImapClient();
        await imap.ConnectAsync(host.Mail.Host, host.Mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(EmailTestHost.ShopMailbox, Testing.MailServer.Password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var stored = await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", secondId).And(SearchQuery.Seen));
        Assert.Single(stored);
    }

    [Fact]
    public async Task Reply_from_another_address_without_thread_headers_is_routed_by_the_token_and_links_that_address()
    {
        var customer = Address();
        var firstId = NewId();
        await host.SendAsCustomerAsync(Mail(customer, EmailTestHost.ShopMailbox, firstId, "Candles", "Do you have scented candles?"));
        var answer = await host.WaitForMailAsync(EmailTestHost.CustomerMailbox, SearchQuery.HeaderContains("In-Reply-To", firstId), TimeSpan.FromSeconds(60));
        var first = await ShopperMessageAsync(firstId);

        // Forwarded to a phone that writes from another address and keeps none of the thread headers.
        var alias = Address();
        var secondId = NewId();
        await host.SendAsCustomerAsync(Mail(alias, answer.ReplyTo.Mailboxes.Single().Address, secondId, "candles", "The lavender one please"));

        await host.WaitForMailAsync(EmailTestHost.CustomerMailbox, SearchQuery.HeaderContains("In-Reply-To", secondId), TimeSpan.FromSeconds(60));
        var second = await ShopperMessageAsync(secondId);
        Assert.Equal(first.ConversationId, second.ConversationId);
        var owners = await host.InShopAsync((db, _) => db.ChannelIdentities.AsNoTracking()
            .Where(i => i.Kind == ChannelIdentityKind.Email && (i.Value == customer || i.Value == alias)).Select(i => i.CustomerId).Distinct().ToListAsync());
        Assert.Single(owners);
    }

    [Fact]
    public async Task Auto_replies_bounces_and_loops_are_stored_but_never_answered()
    {
        var autoReply = Mail(Address(), EmailTestHost.ShopMailbox, NewId(), "Automatic reply: Gift", "I am out of the office until Monday.");
        autoReply.Headers.Add("Auto-Submitted", "auto-replied");
        var loop = Mail(Address(), EmailTestHost.ShopMailbox, NewId(), "Re: Gift", "Here are three gifts");
        loop.Headers.Add("X-Loop", EmailTestHost.ShopMailbox);
        var bulk = Mail(Address(), EmailTestHost.ShopMailbox, NewId(), "Newsletter", "Our weekly deals");
        bulk.Headers.Add("Precedence", "bulk");
        var bounceId = NewId();
        var bounce = Encoding.ASCII.GetBytes(
            $"From: Mail Delivery System <MAILER-DAEMON@mail.test>\r\nTo: {EmailTestHost.ShopMailbox}\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
            $"Message-ID: <{bounceId}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
            "--b\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n" +
            "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.test\r\n\r\nFinal-Recipient: rfc822; gone@customer.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n");

        foreach (var message in new[] { autoReply, loop, bulk })
            Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(Bytes(message))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(bounce)).StatusCode);

        foreach (var (id, kind) in new[] { (autoReply.MessageId, "AutoReply"), (loop.MessageId, "Loop"), (bulk.MessageId, "AutoReply"), (bounceId, "Bounce") })
        {
            var row = await host.WaitForInboxAsync(r => r.DedupeKey == id, InboxStatus.Ignored);
            Assert.StartsWith(kind, row.Error);
            Assert.False(await host.InShopAsync((db, _) => db.Messages.AnyAsync(m => m.ExternalId == id)));
        }
    }

    [Fact]
    public async Task Unsubscribe_reply_opts_out_without_an_answer_and_later_answers_are_cancelled()
    {
        var customer = Address();
        var stopId = NewId();
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(Bytes(Mail(customer, EmailTestHost.ShopMailbox, stopId, "Re: your picks", "Unsubscribe")))).StatusCode);
        await host.WaitForInboxAsync(r => r.DedupeKey == stopId, InboxStatus.Done);
        var identity = await host.InShopAsync((db, _) => db.ChannelIdentities.AsNoTracking().SingleAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == customer));
        Assert.NotNull(identity.OptedOutAt);
        Assert.Equal("email-unsubscribe-reply", identity.OptOutSource);
        Assert.False(await host.InShopAsync((db, _) => db.Messages.AnyAsync(m => m.ExternalId == stopId)));

        // A later question is still read and answered in the thread, but nothing is mailed to an opted-out address.
        var laterId = NewId();
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(Bytes(Mail(customer, EmailTestHost.ShopMailbox, laterId, "Question", "Do you sell mugs?")))).StatusCode);
        var shopper = await ShopperMessageAsync(laterId);
        var send = await WaitForSendAsync(shopper.ConversationId, OutboxStatus.Cancelled);
        Assert.Contains("opted out", send.Error);
    }

    [Fact]
    public async Task Iso_8859_1_mail_reaches_the_conversation_decoded()
    {
        var id = NewId();
        var latin1 = Encoding.Latin1;
        var raw = latin1.GetBytes(
            $"From: =?ISO-8859-1?Q?Ren=E9e?= <{Address()}>\r\nTo: {EmailTestHost.ShopMailbox}\r\nSubject: =?ISO-8859-1?Q?Cadeau?=\r\nMessage-ID: <{id}>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nUne bougie parfumée pour ma sœur? Crème brûlée!\r\n"
                .Replace("œ", "oe"));
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(raw)).StatusCode);
        var shopper = await ShopperMessageAsync(id);
        Assert.Equal("Une bougie parfumée pour ma soeur? Crème brûlée!", shopper.Text);
    }

    private async Task<Message> ShopperMessageAsync(string externalId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var message = await host.InShopAsync((db, _) => db.Messages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.ExternalId == externalId && m.Role == MessageRole.Shopper && m.Channel == Channel.Email));
            if (message is not null) return message;
            await Task.Delay(200);
        }
        var inbox = await host.InShopAsync((db, _) => db.Inbox.AsNoTracking().FirstOrDefaultAsync(i => i.DedupeKey == externalId));
        throw new TimeoutException($"No shopper message {externalId}; inbox row {inbox?.Status} {inbox?.Error}\n{host.Mail.Logs()}");
    }

    private async Task<OutboxMessage> WaitForSendAsync(Guid conversationId, OutboxStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var row = await host.InShopAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.ConversationId == conversationId && o.Status == status));
            if (row is not null) return row;
            await Task.Delay(200);
        }
        throw new TimeoutException($"No {status} send in conversation {conversationId}.");
    }

    private Task<HttpResponseMessage> PostWebhookAsync(byte[] raw)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/email/{EmailTestHost.Shop}") { Content = new ByteArrayContent(raw) };
        request.Headers.Add("X-Webhook-Secret", EmailTestHost.WebhookSecret);
        return host.Http.SendAsync(request);
    }

    private static MimeMessage Mail(string from, string to, string id, string subject, string text)
    {
        var message = new MimeMessage { MessageId = id, Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Anna Example", from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string NewId() => $"{Guid.NewGuid():N}@customer.test";

    private static string Address() => $"customer+{Guid.NewGuid():N}@customer.test";
}
