using System.Net.Http.Json;
using System.Text;
using ConversationalCommerce.Channels.Email;
using ConversationalCommerce.Channels.Email.Imap;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Coordination;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>
/// Several app nodes, one mailbox: two IMAP pollers (two nodes' worth, sharing the app's database) against the real
/// Dovecot. Only the holder of the mailbox's lease watches it; when it stops, or dies and its lease lapses, the other
/// takes over, and mail keeps arriving in the inbox.
/// </summary>
public sealed class ImapLeaseTests : IAsyncLifetime
{
    private const string Mailbox = "inbox@lease.test";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private MailServer _mail = null!;
    private AppFactory _app = null!;
    private Guid _shopId;

    public async Task InitializeAsync()
    {
        _mail = await MailServer.StartAsync([Mailbox], new Dictionary<string, string> { ["lease.test"] = Mailbox });
        // The app's own poller is off: the test runs its two "nodes" itself.
        _app = new AppFactory(seedDemo: true)
            .WithSetting("Hangfire:DashboardUser", "operator")
            .WithSetting("Hangfire:DashboardPassword", "operator-pw")
            .WithSetting("Email:ImapPollingEnabled", "false");
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-pw")));
        var put = await http.PutAsJsonAsync($"/api/admin/shops/{Shop.DemoDomain}/email/settings", new
        {
            smtpHost = _mail.Host, smtpPort = _mail.SmtpPort, smtpTls = "None",
            fromAddress = Mailbox, fromName = "Demo Store", inboundDomain = "lease.test",
            imapHost = _mail.Host, imapPort = _mail.ImapPort, imapTls = "None", imapUser = Mailbox, imapPassword = MailServer.Password,
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await using var scope = _app.Services.CreateAsyncScope();
        _shopId = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.SingleAsync(s => s.Domain == Shop.DemoDomain)).Id;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task Only_the_lease_holder_watches_the_mailbox_and_the_other_node_takes_over_when_it_stops()
    {
        var first = NewPoller();
        var second = NewPoller();
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        try
        {
            var (holder, other) = await WatcherAsync(first, second);
            Assert.Equal(holder.NodeId, await LeaseHolderAsync());
            // Over several renewal rounds the mailbox stays with one node, never both.
            for (var i = 0; i < 30; i++)
            {
                Assert.Contains(_shopId, holder.WatchedShops);
                Assert.DoesNotContain(_shopId, other.WatchedShops);
                await Task.Delay(100);
            }
            var before = NewMessageId();
            await SendAsync(before);
            await StoredAsync(before);

            await holder.StopAsync(CancellationToken.None);

            await EventuallyAsync(() => other.WatchedShops.Contains(_shopId), "the second node to take the mailbox over");
            Assert.Equal(other.NodeId, await LeaseHolderAsync());
            var after = NewMessageId();
            await SendAsync(after);
            await StoredAsync(after);
        }
        finally
        {
            await first.StopAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Mailbox_of_a_node_that_died_is_taken_over_only_once_its_lease_lapses()
    {
        // A node that claimed the mailbox and then died: it never renews and never gives the lease back.
        var leases = _app.Services.GetRequiredService<DbLeases>();
        Assert.True(await leases.TryAcquireAsync(ImapPoller.LeaseName(_shopId), "dead-node", LeaseDuration, CancellationToken.None));
        var claimedAt = DateTimeOffset.UtcNow;
        var poller = NewPoller();
        await poller.StartAsync(CancellationToken.None);
        try
        {
            await EventuallyAsync(() => poller.WatchedShops.Contains(_shopId), "the live node to take the lapsed lease");
            Assert.True(DateTimeOffset.UtcNow - claimedAt >= LeaseDuration - TimeSpan.FromMilliseconds(200),
                "the mailbox was taken before the dead node's lease lapsed");
            Assert.Equal(poller.NodeId, await LeaseHolderAsync());
            var id = NewMessageId();
            await SendAsync(id);
            await StoredAsync(id);
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }
        Assert.Null(await LeaseHolderAsync());
    }

    private ImapPoller NewPoller() => new(
        _app.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new EmailOptions
        {
            ImapPollInterval = TimeSpan.FromSeconds(1), ImapShopRefreshInterval = TimeSpan.FromSeconds(1),
            ImapReconnectDelay = TimeSpan.FromSeconds(1), ImapLeaseDuration = LeaseDuration,
        }),
        _app.Services.GetRequiredService<DbLeases>(),
        _app.Services.GetRequiredService<MailTls>(),
        _app.Services.GetRequiredService<ILoggerFactory>());

    private static async Task<(ImapPoller Holder, ImapPoller Other)> WatcherAsync(ImapPoller a, ImapPoller b)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (a.WatchedShops.Count > 0) return (a, b);
            if (b.WatchedShops.Count > 0) return (b, a);
            await Task.Delay(50);
        }
        throw new TimeoutException("Neither poller watches the mailbox.");
    }

    private Task<string?> LeaseHolderAsync() =>
        _app.Services.GetRequiredService<DbLeases>().HolderAsync(ImapPoller.LeaseName(_shopId), CancellationToken.None);

    private static string NewMessageId() => $"{Guid.NewGuid():N}@customer.test";

    private async Task SendAsync(string messageId)
    {
        var message = new MimeMessage { MessageId = messageId, Subject = "Lease test" };
        message.From.Add(MailboxAddress.Parse("someone@customer.test"));
        message.To.Add(MailboxAddress.Parse(Mailbox));
        message.Body = new TextPart("plain") { Text = "Do you have scented candles?" };
        using var smtp = new MailKit.Net.Smtp.SmtpClient();
        await smtp.ConnectAsync(_mail.Host, _mail.SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    private Task StoredAsync(string messageId) => EventuallyAsync(async () =>
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.IgnoreQueryFilters()
            .CountAsync(i => i.Source == "email" && i.DedupeKey == messageId) == 1;
    }, $"mail {messageId} in the inbox");

    private Task EventuallyAsync(Func<bool> done, string what) => EventuallyAsync(() => Task.FromResult(done()), what);

    private async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.\n{_mail.Logs()}");
            await Task.Delay(100);
        }
    }
}
