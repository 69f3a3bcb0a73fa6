using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Tests.Widget;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>
/// One customer, one conversation, three channels, all real: the storefront widget over SignalR, WhatsApp through
/// the signed webhook (Meta's Graph API played by WireMock), then email through Postfix and Dovecot.
/// In the email collection: not run alongside another app of this assembly's email tests (Hangfire's in-memory
/// storage is configured through a process-wide static, so two apps started at once can share one job store).
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class CrossChannelJourneyTests : IAsyncLifetime
{
    private const string AppSecret = "journey-app-secret-0123456789";
    private const string PhoneNumberId = "106540352242922";
    private const string AccessToken = "EAAjourney-access-token";
    private const string Phone = "+16505550777";
    private const string CustomerAddress = "customer+journey@customer.test";

    private MailServer _mail = null!;
    private readonly WireMockServer _graph = WireMockServer.Start();
    private AppFactory _app = null!;
    private HttpClient _http = null!;
    private Guid _shopId;

    public async Task InitializeAsync()
    {
        _mail = await MailServer.StartAsync([EmailTestHost.ShopMailbox, EmailTestHost.CustomerMailbox],
            new Dictionary<string, string> { [EmailTestHost.InboundDomain] = EmailTestHost.ShopMailbox, ["customer.test"] = EmailTestHost.CustomerMailbox });
        _app = new AppFactory(seedDemo: true)
            .WithSetting("WhatsApp:AppSecret", AppSecret)
            .WithSetting("WhatsApp:GraphApiBaseUrl", _graph.Url)
            .WithSetting("WhatsApp:ApiVersion", "v21.0")
            .WithSetting("Hangfire:DashboardUser", EmailTestHost.Operator)
            .WithSetting("Hangfire:DashboardPassword", EmailTestHost.OperatorPassword)
            .WithSetting("Email:PublicBaseUrl", "https://app.test")
            .WithSetting("Email:ImapPollInterval", "00:00:01")
            .WithSetting("Email:ImapShopRefreshInterval", "00:00:01")
            .WithSetting("Outbox:BaseBackoff", "00:00:00.200");
        _app.StartRealServer();
        _http = new HttpClient { BaseAddress = _app.ServerAddress };

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.SingleAsync(s => s.Domain == Shop.DemoDomain);
        shop.Settings.WhatsAppNumber = "+1 555 078 3881";
        await db.SaveChangesAsync();
        _shopId = shop.Id;
        await scope.ServiceProvider.GetRequiredService<WhatsAppSettingsStore>().SaveAsync(_shopId, PhoneNumberId, AccessToken,
            new Dictionary<string, WhatsAppTemplate> { ["reply"] = new("order_followup", "en_US") }, CancellationToken.None);

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/shops/{Shop.DemoDomain}/email/settings")
        {
            Content = JsonContent.Create(new
            {
                smtpHost = _mail.Host, smtpPort = _mail.SmtpPort, smtpTls = "None",
                fromAddress = EmailTestHost.ShopMailbox, fromName = "Demo Store", inboundDomain = EmailTestHost.InboundDomain,
                imapHost = _mail.Host, imapPort = _mail.ImapPort, imapTls = "None", imapUser = EmailTestHost.ShopMailbox, imapPassword = MailServer.Password,
            }),
        };
        put.Headers.Authorization = EmailTestHost.OperatorAuth();
        Assert.True((await _http.SendAsync(put)).IsSuccessStatusCode);

        _graph.Given(Request.Create().WithPath($"/v21.0/{PhoneNumberId}/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{Phone}}","wa_id":"{{Phone.TrimStart('+')}}"}],"messages":[{"id":"wamid.HBgLMTY1MDU1NTA3NzcVAgARGBI{{Guid.NewGuid():N}}","message_status":"accepted"}]}"""));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _graph.Stop();
        _graph.Dispose();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task Web_then_WhatsApp_then_email_is_one_conversation_that_keeps_its_context()
    {
        // 1. The storefront widget: a real SignalR connection to the chat hub.
        var widgetKey = await InShopAsync(db => db.Shops.Where(s => s.Id == _shopId).Select(s => s.WidgetKey).SingleAsync());
        var sessionResponse = await _http.PostAsJsonAsync("/api/widget/session", new { widgetKey, visitorId = (string?)null, visitorToken = (string?)null, locale = "en" });
        sessionResponse.EnsureSuccessStatusCode();
        var session = (await sessionResponse.Content.ReadFromJsonAsync<Session>())!;
        await using var tab = new WidgetClient(new HubConnectionBuilder()
            .WithUrl(new Uri(_app.ServerAddress, "/hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.VisitorToken))
            .Build());
        await tab.Connection.StartAsync();
        await tab.HistoryAsync();
        Assert.True((await tab.SendAsync("scented candles")).Accepted);
        WireMessage webAnswer;
        do webAnswer = await tab.NextMessageAsync(TimeSpan.FromSeconds(30)); while (webAnswer.Role != "assistant");
        var webProducts = webAnswer.Reply!.Value.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();
        Assert.True(webProducts.Count >= 2, "the web answer showed fewer than two products");

        // 2. "Continue on WhatsApp": the code comes back from the phone through Meta's signed webhook.
        var link = await tab.Connection.InvokeAsync<ContinuityLink>("ContinueOnWhatsApp");
        Assert.NotNull(link.Code);
        await PostWhatsAppAsync("wamid.journey-code", ContinuityCodes.PrefilledText("Demo Store", link.Code!));
        await EventuallyAsync(() => Task.FromResult(SentToPhone().Count >= 1), "the WhatsApp connected notice");
        await PostWhatsAppAsync("wamid.journey-second", "tell me more about the second one");
        await EventuallyAsync(() => Task.FromResult(SentToPhone().Count >= 2), "the WhatsApp answer");
        var whatsAppAnswer = SentToPhone()[1].ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(webProducts[1], whatsAppAnswer);

        // 3. Back on the web: "email me these"; the next answer goes by email, and the customer replies from their mailbox.
        Assert.True((await tab.Connection.InvokeAsync<EmailResult>("EmailMeThese", new { email = CustomerAddress, consent = true })).Ok);
        await PostWhatsAppAsync("wamid.journey-cheaper", "anything cheaper?");
        var mailed = await WaitForMailAsync(SearchQuery.HeaderContains("To", CustomerAddress));
        Assert.StartsWith("reply+", mailed.ReplyTo.Mailboxes.Single().Address);

        var replyId = $"{Guid.NewGuid():N}@customer.test";
        var reply = new MimeMessage { MessageId = replyId, Subject = "Re: " + mailed.Subject, InReplyTo = mailed.MessageId };
        reply.From.Add(MailboxAddress.Parse(CustomerAddress));
        reply.To.Add(MailboxAddress.Parse(mailed.ReplyTo.Mailboxes.Single().Address));
        reply.References.Add(mailed.MessageId!);
        reply.Body = new TextPart("plain") { Text = "I'll take the first one\n\nOn Mon, Demo Store <inbox@shop.test> wrote:\n> earlier text" };
        using (var smtp = new MailKit.Net.Smtp.SmtpClient())
        {
            await smtp.ConnectAsync(_mail.Host, _mail.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(reply);
            await smtp.DisconnectAsync(true);
        }
        var emailAnswer = await WaitForMailAsync(SearchQuery.HeaderContains("In-Reply-To", replyId));
        Assert.Contains(mailed.MessageId!, emailAnswer.References);

        // The thread is whole: one conversation holds every turn of every channel, in order, without gaps.
        var messages = await InShopAsync(db => db.Messages.AsNoTracking().Where(m => m.ConversationId == session.ConversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => m.Seq));
        var shopperTurns = messages.Where(m => m.Role == Domain.Conversations.MessageRole.Shopper).Select(m => (m.Channel, m.Text)).ToList();
        Assert.Contains((Channel.Widget, "scented candles"), shopperTurns);
        Assert.Contains((Channel.WhatsApp, "tell me more about the second one"), shopperTurns);
        Assert.Contains((Channel.WhatsApp, "anything cheaper?"), shopperTurns);
        Assert.Contains((Channel.Email, "I'll take the first one"), shopperTurns);
        Assert.Equal(replyId, messages.Single(m => m.Channel == Channel.Email && m.Role == Domain.Conversations.MessageRole.Shopper).ExternalId);
        var customerId = await InShopAsync(db => db.Conversations.Where(c => c.Id == session.ConversationId).Select(c => c.CustomerId).SingleAsync());
        Assert.Equal(1, await InShopAsync(db => db.Conversations.CountAsync(c => c.CustomerId == customerId)));
    }

    private async Task PostWhatsAppAsync(string wamid, string text)
    {
        // Shaped like Meta's "messages" notification.
        var from = Phone.TrimStart('+');
        var json = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Sheena Nelson" }, ["wa_id"] = from }),
                        ["messages"] = new JsonArray(new JsonObject
                        {
                            ["from"] = from, ["id"] = wamid, ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                            ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
                        }),
                    },
                }),
            }),
        }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Compute(bytes, AppSecret));
        var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"webhook {(int)response.StatusCode}");
    }

    private List<JsonObject> SentToPhone() =>
        _graph.LogEntries.Where(e => e.RequestMessage.Body is not null).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject()).Where(j => (string?)j["to"] == Phone).ToList();

    private async Task<MimeMessage> WaitForMailAsync(SearchQuery query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var client = new MailKit.Net.Imap.ImapClient())
            {
                await client.ConnectAsync(_mail.Host, _mail.ImapPort, SecureSocketOptions.None);
                await client.AuthenticateAsync(EmailTestHost.CustomerMailbox, MailServer.Password);
                await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
                var found = await client.Inbox.SearchAsync(query);
                if (found.Count > 0) return await client.Inbox.GetMessageAsync(found[^1]);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail matching {query}.\n{_mail.Logs()}");
            await Task.Delay(250);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    private async Task<T> InShopAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(_shopId);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
