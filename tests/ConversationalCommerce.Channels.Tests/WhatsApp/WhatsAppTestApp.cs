using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>
/// The real app (SQLite file, Hangfire, inbox and outbox jobs) with WireMock playing Meta's Graph API, and one shop
/// whose WhatsApp number is set up through the settings store. One per test class; tests use their own phone numbers.
/// </summary>
public class WhatsAppTestApp : IAsyncLifetime
{
    public const string AppSecret = "test-app-secret-0123456789";
    public const string VerifyToken = "test-verify-token";
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "EAAtest-access-token";
    public const string ApiVersion = "v21.0";
    public const string ShopDomain = "wa-gifts.myshopify.com";
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "operator-password";

    public WireMockServer Graph { get; } = WireMockServer.Start();
    public AppFactory App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public Guid ShopId { get; private set; }

    public string MessagesPath => $"/{ApiVersion}/{PhoneNumberId}/messages";

    /// <summary>With the demo store (350 products, customers, orders) as the WhatsApp shop instead of an empty one.</summary>
    protected virtual bool SeedDemo => false;

    /// <summary>A database shared with another app instance (restart tests); default: the app's own file.</summary>
    public string? ConnectionString { get; init; }

    public async Task InitializeAsync()
    {
        App = new AppFactory(seedDemo: SeedDemo)
            .WithSetting("WhatsApp:AppSecret", AppSecret)
            .WithSetting("WhatsApp:VerifyToken", VerifyToken)
            .WithSetting("WhatsApp:GraphApiBaseUrl", Graph.Url)
            .WithSetting("WhatsApp:ApiVersion", ApiVersion)
            .WithSetting("Outbox:BaseBackoff", "00:00:00.200")
            .WithSetting("Outbox:SweepPendingAfter", "00:00:00")
            .WithSetting("Hangfire:DashboardUser", OperatorUser)
            .WithSetting("Hangfire:DashboardPassword", OperatorPassword);
        if (ConnectionString is not null) App.WithSetting("ConnectionStrings:Default", ConnectionString);
        Http = App.CreateClient();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (SeedDemo)
        {
            ShopId = (await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain)).Id;
        }
        else
        {
            var shop = new Shop { Domain = ShopDomain, Name = "Gift Corner", InstalledAt = DateTimeOffset.UtcNow };
            db.Shops.Add(shop);
            await db.SaveChangesAsync();
            ShopId = shop.Id;
        }
        await scope.ServiceProvider.GetRequiredService<WhatsAppSettingsStore>().SaveAsync(ShopId, PhoneNumberId, AccessToken,
            new Dictionary<string, WhatsAppTemplate> { ["reply"] = new("order_followup", "en_US") }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        Graph.Stop();
        Graph.Dispose();
    }

    /// <summary>Graph answers sends to this recipient with a message id (checking our token).</summary>
    public void GraphAccepts(string to, string wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3QUJDMTIzAA==") =>
        Graph.Given(ToRecipient(to))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{to}}","wa_id":"{{to.TrimStart('+')}}"}],"messages":[{"id":"{{wamid}}","message_status":"accepted"}]}"""));

    /// <summary>Graph refuses sends to this recipient with a Graph error body.</summary>
    public void GraphRefuses(string to, int httpStatus, long code, string message, string details) =>
        Graph.Given(ToRecipient(to))
            .RespondWith(Response.Create().WithStatusCode(httpStatus).WithHeader("Content-Type", "application/json")
                .WithBody(GraphError(code, message, details)));

    public static string GraphError(long code, string message, string details) =>
        $$$"""{"error":{"message":"{{{message}}}","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"{{{details}}}"},"fbtrace_id":"AbCdEfGh123"}}""";

    public IRequestBuilder ToRecipient(string to) =>
        Request.Create().WithPath(MessagesPath).UsingPost().WithHeader("Authorization", $"Bearer {AccessToken}")
            .WithBody(new WireMock.Matchers.JsonPartialMatcher($$"""{"to":"{{to}}"}"""));

    /// <summary>What we posted to the Graph API for one recipient, oldest first.</summary>
    public IReadOnlyList<JsonObject> SentTo(string e164) =>
        Graph.LogEntries
            .Where(e => e.RequestMessage.Path == MessagesPath && e.RequestMessage.Body is not null)
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject())
            .Where(j => (string?)j["to"] == e164)
            .ToList();

    public IEnumerable<ILogEntry> GraphCalls => Graph.LogEntries.Where(e => e.RequestMessage.Path == MessagesPath);

    public async Task<HttpResponseMessage> PostWebhookAsync(string json, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookSignature.Compute(bytes, AppSecret));
        return await Http.SendAsync(request);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Polls until the query returns a value that satisfies the condition (jobs run in the background).</summary>
    public async Task<T> EventuallyAsync<T>(Func<AppDbContext, Task<T>> query, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T value;
        do
        {
            value = await QueryAsync(query);
            if (done(value)) return value;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what ?? "a condition"}; last value: {value}");
    }

    /// <summary>
    /// A customer who wrote on WhatsApp <paramref name="lastInboundAgo"/> ago, with a stored assistant message
    /// that has not been delivered yet. Returns the customer, conversation and assistant message.
    /// </summary>
    public Task<(Guid CustomerId, Guid ConversationId, Guid AssistantMessageId)> SeedThreadAsync(string e164, TimeSpan lastInboundAgo,
        string assistantText = "Here you go") =>
        WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            var customer = new Customer { Phone = e164, CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(customer);
            db.ChannelIdentities.Add(new ChannelIdentity
            {
                CustomerId = customer.Id, Kind = ChannelIdentityKind.Phone, Value = e164, Evidence = "whatsapp-inbound", VerifiedAt = now,
            });
            var conversation = new Conversation
            {
                CustomerId = customer.Id, StartedAt = now - lastInboundAgo, LastMessageAt = now, LastChannel = Channel.WhatsApp, LastSeq = 2,
            };
            db.Conversations.Add(conversation);
            db.Messages.Add(new Message
            {
                ConversationId = conversation.Id, Seq = 1, Role = MessageRole.Shopper, Channel = Channel.WhatsApp, Text = "hello",
                ExternalId = "wamid.seed." + Guid.NewGuid().ToString("N"), CreatedAt = now - lastInboundAgo,
            });
            var assistant = new Message
            {
                ConversationId = conversation.Id, Seq = 2, Role = MessageRole.Assistant, Channel = Channel.WhatsApp, Text = assistantText, CreatedAt = now,
            };
            db.Messages.Add(assistant);
            await db.SaveChangesAsync();
            return (customer.Id, conversation.Id, assistant.Id);
        });

    /// <summary>Appends one more assistant message to a thread (for ordering tests).</summary>
    public Task<Guid> AddAssistantMessageAsync(Guid conversationId, string text) =>
        WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var conversation = await db.Conversations.FirstAsync(c => c.Id == conversationId);
            var message = new Message
            {
                ConversationId = conversationId, Seq = ++conversation.LastSeq, Role = MessageRole.Assistant, Channel = Channel.WhatsApp,
                Text = text, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    public Task<DeliveryOutcome> DeliverAsync(Guid assistantMessageId, Reply reply) =>
        WithScopeAsync(services => services.GetRequiredService<ReplyDelivery>().DeliverAsync(assistantMessageId, reply, Channel.WhatsApp, CancellationToken.None));

    public Task<OutboxMessage> WaitForSendAsync(Guid messageId, OutboxStatus status, TimeSpan? timeout = null) =>
        EventuallyAsync(db => db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.MessageId == messageId), o => o?.Status == status, timeout,
            $"outbox row of message {messageId} to be {status}")!;

    public Task<Message> MessageAsync(Guid id) => QueryAsync(db => db.Messages.AsNoTracking().FirstAsync(m => m.Id == id));
}

/// <summary>The WhatsApp test app on the demo store, so the engine has a catalog to answer from.</summary>
public sealed class DemoWhatsAppApp : WhatsAppTestApp
{
    protected override bool SeedDemo => true;
}

/// <summary>Meta-shaped notification bodies.</summary>
public static class Notifications
{
    public static string Text(string from, string wamid, string body, string phoneNumberId = WhatsAppTestApp.PhoneNumberId) =>
        Envelope(phoneNumberId, $$"""
            "contacts": [{ "profile": { "name": "Sheena Nelson" }, "wa_id": "{{from}}" }],
            "messages": [{ "from": "{{from}}", "id": "{{wamid}}", "timestamp": "{{Now}}", "type": "text", "text": { "body": {{System.Text.Json.JsonSerializer.Serialize(body)}} } }]
            """);

    public static string Image(string from, string wamid) =>
        Envelope(WhatsAppTestApp.PhoneNumberId, $$"""
            "contacts": [{ "profile": { "name": "Sheena Nelson" }, "wa_id": "{{from}}" }],
            "messages": [{ "from": "{{from}}", "id": "{{wamid}}", "timestamp": "{{Now}}", "type": "image",
              "image": { "caption": "like this?", "mime_type": "image/jpeg", "sha256": "2ed8b4d6ed2d6f5b5e0d3f1c1a8f3e6b0c9d7a5e4f3b2c1d0e9f8a7b6c5d4e3f", "id": "1479537139650973" } }]
            """);

    public static string ListReply(string from, string wamid, string rowId, string title) =>
        Envelope(WhatsAppTestApp.PhoneNumberId, $$"""
            "contacts": [{ "profile": { "name": "Sheena Nelson" }, "wa_id": "{{from}}" }],
            "messages": [{ "context": { "from": "15550783881", "id": "wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJBQkNERUYA" },
              "from": "{{from}}", "id": "{{wamid}}", "timestamp": "{{Now}}", "type": "interactive",
              "interactive": { "type": "list_reply", "list_reply": { "id": "{{rowId}}", "title": "{{title}}", "description": "" } } }]
            """);

    public static string ButtonReply(string from, string wamid, string buttonId, string title) =>
        Envelope(WhatsAppTestApp.PhoneNumberId, $$"""
            "contacts": [{ "profile": { "name": "Sheena Nelson" }, "wa_id": "{{from}}" }],
            "messages": [{ "context": { "from": "15550783881", "id": "wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJBQkNERUYA" },
              "from": "{{from}}", "id": "{{wamid}}", "timestamp": "{{Now}}", "type": "interactive",
              "interactive": { "type": "button_reply", "button_reply": { "id": "{{buttonId}}", "title": "{{title}}" } } }]
            """);

    public static string Status(string wamid, string status, string recipient, string? errorsJson = null) =>
        Envelope(WhatsAppTestApp.PhoneNumberId, $$"""
            "statuses": [{ "id": "{{wamid}}", "status": "{{status}}", "timestamp": "{{Now}}", "recipient_id": "{{recipient}}"
              {{(errorsJson is null
                ? """, "conversation": { "id": "a75d17ad06104c51166f948319b03c6a", "origin": { "type": "service" } }, "pricing": { "billable": true, "pricing_model": "CBP", "category": "service" }"""
                : ", \"errors\": " + errorsJson)}} }]
            """);

    private static string Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Envelope(string phoneNumberId, string valueBody) => $$"""
        {
          "object": "whatsapp_business_account",
          "entry": [{
            "id": "102290129340398",
            "changes": [{
              "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{phoneNumberId}}" },
                {{valueBody}}
              },
              "field": "messages"
            }]
          }]
        }
        """;
}
