using System.Net.Http.Json;
using System.Text;
using ConversationalCommerce.Channels.Email;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>
/// SMTP and IMAP over TLS against the real Postfix and Dovecot, serving a certificate from a CA made at test time. The
/// app trusts that CA only through Email:TestOnlyTrustedCaFile; without it the certificate is refused, as in production.
/// </summary>
public sealed class EmailTlsTests : IAsyncLifetime
{
    private const string ShopMailbox = "inbox@tls.test";
    private const string CustomerMailbox = "customer@customer.test";
    private MailServer _mail = null!;
    private AppFactory _app = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailServer.StartAsync([ShopMailbox, CustomerMailbox],
            new Dictionary<string, string> { ["tls.test"] = ShopMailbox, ["customer.test"] = CustomerMailbox }, tls: true);
        _app = new AppFactory(seedDemo: true)
            .WithSetting("Hangfire:DashboardUser", "operator")
            .WithSetting("Hangfire:DashboardPassword", "operator-pw")
            .WithSetting("Email:TestOnlyTrustedCaFile", _mail.Certificates!.CaCertificatePath)
            .WithSetting("Email:ImapPollInterval", "00:00:01")
            .WithSetting("Email:ImapShopRefreshInterval", "00:00:01")
            .WithSetting("Email:ImapReconnectDelay", "00:00:01")
            .WithSetting("Outbox:BaseBackoff", "00:00:00.200")
            .WithSetting("Inbox:BaseBackoff", "00:00:00.200");
        _operator = _app.CreateClient();
        _operator.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-pw")));
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _app.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task Answer_goes_out_over_smtp_starttls_after_the_mail_was_read_over_imaps_then_over_imap_starttls()
    {
        await ConfigureAsync(imapTls: "SslOnConnect", imapPort: _mail.ImapsPort);
        var first = await AskAsync("I'm looking for scented candles");
        Assert.Equal("Re: Question", first.Subject);
        // Postfix logs each TLS session of its SMTP server: the answer was handed over after STARTTLS.
        Assert.Contains("TLS connection established from", _mail.Logs());
        Assert.True(TlsLogins().Any(l => l.Contains($"user=<{ShopMailbox}>")), "no IMAPS login of the watcher:\n" + _mail.Logs());

        var loginsBefore = TlsLogins().Count;
        await ConfigureAsync(imapTls: "StartTls", imapPort: _mail.ImapPort);
        await AskAsync("Do you have wool scarves?");
        // The watcher picks up new settings on its next refresh (the answer may come from the session still open),
        // and Dovecot writes its login line a moment after the login: wait for it, boundedly.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (TlsLogins().Count <= loginsBefore && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(TlsLogins().Count > loginsBefore, "the IMAP watcher did not log in over STARTTLS:\n" + _mail.Logs());
    }

    [Fact]
    public async Task Certificate_of_an_unknown_ca_is_refused_without_the_test_only_trust()
    {
        var production = Options.Create(new EmailOptions());
        var smtp = new SmtpDelivery(production, new MailTls(production), NullLogger<SmtpDelivery>.Instance);
        var message = new MimeMessage { Subject = "hello" };
        message.From.Add(MailboxAddress.Parse(ShopMailbox));
        message.To.Add(MailboxAddress.Parse(CustomerMailbox));
        message.Body = new TextPart("plain") { Text = "hello" };

        var refused = await smtp.SendAsync(Settings("StartTls", _mail.ImapsPort), message, CancellationToken.None);

        Assert.False(refused.Success);
        Assert.Contains("TLS handshake failed", refused.Error);
        using var imap = new ImapClient();
        new MailTls(production).Apply(imap);
        await Assert.ThrowsAsync<SslHandshakeException>(() => imap.ConnectAsync(_mail.Host, _mail.ImapsPort, SecureSocketOptions.SslOnConnect));

        // With the generated CA trusted, the same send succeeds over STARTTLS.
        var trusting = Options.Create(new EmailOptions { TestOnlyTrustedCaFile = _mail.Certificates!.CaCertificatePath });
        var sent = await new SmtpDelivery(trusting, new MailTls(trusting), NullLogger<SmtpDelivery>.Instance)
            .SendAsync(Settings("StartTls", _mail.ImapsPort), message, CancellationToken.None);
        Assert.True(sent.Success, sent.Error);
    }

    [Fact]
    public void Test_only_trust_is_refused_outside_development_and_testing()
    {
        using var app = new ProductionApp();
        app.WithSetting("Email:TestOnlyTrustedCaFile", _mail.Certificates!.CaCertificatePath);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("TestOnlyTrustedCaFile", error.ToString());
    }

    private ShopEmailSettings Settings(string smtpTls, int imapPort) => new()
    {
        SmtpHost = _mail.Host, SmtpPort = _mail.SmtpPort, SmtpTls = Enum.Parse<EmailTlsMode>(smtpTls),
        FromAddress = ShopMailbox, InboundDomain = "tls.test", ImapPort = imapPort,
    };

    private async Task ConfigureAsync(string imapTls, int imapPort)
    {
        var put = await _operator.PutAsJsonAsync($"/api/admin/shops/{Domain.Shops.Shop.DemoDomain}/email/settings", new
        {
            smtpHost = _mail.Host, smtpPort = _mail.SmtpPort, smtpTls = "StartTls",
            fromAddress = ShopMailbox, fromName = "Demo Store", inboundDomain = "tls.test",
            imapHost = _mail.Host, imapPort, imapTls, imapUser = ShopMailbox, imapPassword = MailServer.Password,
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a customer's question and returns the shop's answer from the customer's mailbox.</summary>
    private async Task<MimeMessage> AskAsync(string text)
    {
        var id = $"{Guid.NewGuid():N}@customer.test";
        var message = new MimeMessage { MessageId = id, Subject = "Question" };
        message.From.Add(MailboxAddress.Parse(CustomerMailbox));
        message.To.Add(MailboxAddress.Parse(ShopMailbox));
        message.Body = new TextPart("plain") { Text = text };
        using (var client = new MailKit.Net.Smtp.SmtpClient())
        {
            await client.ConnectAsync(_mail.Host, _mail.SmtpPort, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var imap = new ImapClient())
            {
                await imap.ConnectAsync(_mail.Host, _mail.ImapPort, SecureSocketOptions.None);
                await imap.AuthenticateAsync(CustomerMailbox, MailServer.Password);
                await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
                var found = await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("In-Reply-To", id));
                if (found.Count > 0) return await imap.Inbox.GetMessageAsync(found[^1]);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No answer to {id}.\n{_mail.Logs()}");
            await Task.Delay(250);
        }
    }

    /// <summary>Dovecot's login lines for sessions secured with TLS (IMAPS or STARTTLS); plain loopback ones say "secured".</summary>
    private List<string> TlsLogins() =>
        _mail.Logs().Split('\n').Where(l => l.Contains("imap-login: Info: Login:") && l.Contains(", TLS,")).ToList();

    private sealed class ProductionApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
