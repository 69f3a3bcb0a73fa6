using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>
/// The real app (demo store, SQLite, Hangfire) wired to a real Postfix + Dovecot on loopback: the shop sends through
/// Postfix, its IMAP mailbox inbox@shop.test receives every reply+token@shop.test, and customers read their mail
/// over IMAP (customer+anything@customer.test all land in customer@customer.test).
/// </summary>
public sealed class EmailTestHost : IAsyncLifetime
{
    public const string Shop = Domain.Shops.Shop.DemoDomain;
    public const string ShopMailbox = "inbox@shop.test";
    public const string InboundDomain = "shop.test";
    public const string CustomerMailbox = "customer@customer.test";
    public const string WebhookSecret = "whsec-test-3f9a";
    public const string Operator = "operator";
    public const string OperatorPassword = "operator-pw";

    public MailServer Mail { get; private set; } = null!;
    public AppFactory App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public Guid ShopId { get; private set; }

    public async Task InitializeAsync()
    {
        Mail = await MailServer.StartAsync([ShopMailbox, CustomerMailbox],
            new Dictionary<string, string> { [InboundDomain] = ShopMailbox, ["customer.test"] = CustomerMailbox });
        App = new AppFactory(seedDemo: true)
            .WithSetting("Hangfire:DashboardUser", Operator)
            .WithSetting("Hangfire:DashboardPassword", OperatorPassword)
            .WithSetting("Email:PublicBaseUrl", "https://app.test")
            .WithSetting("Email:ImapPollInterval", "00:00:01")
            .WithSetting("Email:ImapShopRefreshInterval", "00:00:01")
            .WithSetting("Email:ImapReconnectDelay", "00:00:01")
            .WithSetting("Outbox:BaseBackoff", "00:00:00.200")
            .WithSetting("Inbox:BaseBackoff", "00:00:00.200");
        Http = App.CreateClient();
        Http.DefaultRequestHeaders.Authorization = OperatorAuth();
        var put = await Http.PutAsJsonAsync($"/api/admin/shops/{Shop}/email/settings", new
        {
            smtpHost = Mail.Host, smtpPort = Mail.SmtpPort, smtpTls = "None",
            fromAddress = ShopMailbox, fromName = "Demo Store", inboundDomain = InboundDomain,
            imapHost = Mail.Host, imapPort = Mail.ImapPort, imapTls = "None", imapUser = ShopMailbox, imapPassword = MailServer.Password,
            webhookSecret = WebhookSecret,
        });
        Assert.True(put.IsSuccessStatusCode, $"settings: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        Http.DefaultRequestHeaders.Authorization = null;
        await using var scope = App.Services.CreateAsyncScope();
        ShopId = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.FirstAsync(s => s.Domain == Shop)).Id;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Mail.DisposeAsync();
    }

    public static AuthenticationHeaderValue OperatorAuth() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Operator}:{OperatorPassword}")));

    /// <summary>A scope acting for the demo shop.</summary>
    public async Task<T> InShopAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    /// <summary>
    /// A thread as the conversation service leaves it: a customer with an email address, their first mail, the
    /// assistant's answer, and that answer queued in the outbox (dispatched to the real outbox job).
    /// </summary>
    public Task<(Guid ConversationId, Guid OutboxId)> QueueAnswerAsync(string customerAddress, string? firstMailId, Reply reply, Guid? conversationId = null) =>
        InShopAsync(async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var conversation = conversationId is { } id ? await db.Conversations.FirstAsync(c => c.Id == id) : null;
            if (conversation is null)
            {
                var customer = new Customer { Email = customerAddress, CreatedAt = now, UpdatedAt = now };
                db.Customers.Add(customer);
                db.ChannelIdentities.Add(new ChannelIdentity { CustomerId = customer.Id, Kind = ChannelIdentityKind.Email, Value = customerAddress, Evidence = "test", VerifiedAt = now });
                conversation = new Conversation { CustomerId = customer.Id, StartedAt = now, LastMessageAt = now, LastChannel = Channel.Email };
                db.Conversations.Add(conversation);
            }
            if (firstMailId is not null)
                db.Messages.Add(new Message { ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Role = MessageRole.Shopper, Channel = Channel.Email, Text = "question", ExternalId = firstMailId, CreatedAt = now });
            var answer = new Message { ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Role = MessageRole.Assistant, Channel = Channel.Email, Text = reply.Text, CreatedAt = now.AddMilliseconds(1) };
            db.Messages.Add(answer);
            var outbox = sp.GetRequiredService<OutboxWriter>();
            var row = outbox.Stage(answer, Channel.Email, customerAddress, new OutboxPayload(reply));
            await db.SaveChangesAsync();
            outbox.DispatchStaged();
            return (conversation.Id, row.Id);
        });

    public async Task<OutboxMessage> WaitForOutboxAsync(Guid id, params OutboxStatus[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        OutboxMessage? row = null;
        while (DateTime.UtcNow < deadline)
        {
            row = await InShopAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id));
            if (row is not null && statuses.Contains(row.Status)) return row;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Outbox {id} is {row?.Status} ({row?.Error}), expected {string.Join('/', statuses)}.\n{Mail.Logs()}");
    }

    public async Task<InboxMessage> WaitForInboxAsync(Func<InboxMessage, bool> match, params InboxStatus[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        InboxMessage? row = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.AsNoTracking().Where(i => i.Source == "email").ToListAsync();
            row = rows.FirstOrDefault(match);
            if (row is not null && statuses.Contains(row.Status)) return row;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Inbox row is {row?.Status} ({row?.Error}), expected {string.Join('/', statuses)}.\n{Mail.Logs()}");
    }

    /// <summary>Reads a mailbox over IMAP until a message matching the query is there.</summary>
    public async Task<MimeMessage> WaitForMailAsync(string mailbox, SearchQuery query, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using (var client = new ImapClient())
            {
                await client.ConnectAsync(Mail.Host, Mail.ImapPort, SecureSocketOptions.None);
                await client.AuthenticateAsync(mailbox, MailServer.Password);
                await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
                var found = await client.Inbox.SearchAsync(query);
                if (found.Count > 0) return await client.Inbox.GetMessageAsync(found[^1]);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail in {mailbox} matching {query}.\n{Mail.Logs()}");
            await Task.Delay(250);
        }
    }

    /// <summary>Sends a mail as a customer's mail client would, through the same Postfix.</summary>
    public async Task SendAsCustomerAsync(MimeMessage message)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient();
        await client.ConnectAsync(Mail.Host, Mail.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }
}

[CollectionDefinition(Name)]
public sealed class EmailCollection : ICollectionFixture<EmailTestHost>
{
    public const string Name = "email";
}
