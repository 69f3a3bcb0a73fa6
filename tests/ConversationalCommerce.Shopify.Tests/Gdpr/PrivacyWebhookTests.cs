using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Shopify.Gdpr;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.ShopDataSeed;

namespace ConversationalCommerce.Shopify.Tests.Gdpr;

/// <summary>customers/data_request and customers/redact against a shop with data on every channel.</summary>
public sealed class PrivacyWebhookTests : IDisposable
{
    private const string Domain = "privacy-test.myshopify.com";
    private const long ShopifyShopId = 954889;
    private readonly WebhookApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Data_request_exports_everything_held_on_the_customer_and_nothing_else()
    {
        var shop = await _app.AddShopAsync(Domain);
        await WriteAsync(_app, shop.Id, Domain);
        var request = WebhookPayloads.DataRequest(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, "613-555-0142", [JaneOrderA, JaneOrderB], 9999);

        await _app.ApplyAsync("customers/data_request", Domain, request);
        await _app.ApplyAsync("customers/data_request", Domain, request); // a redelivery under a new event id

        var export = await _app.InShopAsync(shop.Id, db => db.Set<DataExport>().SingleAsync(e => e.ShopifyRequestId == 9999));
        Assert.Equal(JaneShopifyId, export.ShopifyCustomerId);
        using var json = JsonDocument.Parse(export.Json);
        var root = json.RootElement;
        var customers = root.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal(2, customers.Count); // the Shopify customer and the profile our email channel built
        var identities = customers.SelectMany(c => c.GetProperty("identities").EnumerateArray()).Select(i => i.GetProperty("kind").GetString()!).ToList();
        Assert.Equal(["Email", "Phone", "ShopifyCustomer", "WidgetVisitor"], identities.Order().ToArray());
        Assert.Contains(customers, c => c.GetProperty("consents").GetProperty("emailMarketing").GetBoolean());
        Assert.Equal(["#1001", "#1002"], root.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Order().ToArray());
        var texts = root.GetProperty("conversations").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray()).Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains(JaneWidgetText, texts);
        Assert.Contains(JaneWhatsAppText, texts);
        Assert.DoesNotContain(SamEmail, export.Json);
        Assert.DoesNotContain(SamText, export.Json);
    }

    [Fact]
    public async Task Export_download_needs_the_shops_admin_session_token()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.AddShopAsync("another-shop.myshopify.com");
        await WriteAsync(_app, shop.Id, Domain);
        await _app.ApplyAsync("customers/data_request", Domain,
            WebhookPayloads.DataRequest(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, null, [], 10001));
        var exportId = await _app.InShopAsync(shop.Id, db => db.Set<DataExport>().Where(e => e.ShopifyRequestId == 10001).Select(e => e.Id).SingleAsync());
        var path = $"/api/admin/privacy/exports/{exportId}";

        var download = await GetAsync(path, AdminToken(Domain));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains(JaneWidgetText, await download.Content.ReadAsStringAsync());
        var list = await GetAsync("/api/admin/privacy/exports", AdminToken(Domain));
        Assert.Contains(exportId.ToString(), await list.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(path, AdminToken(Domain, secret: "forged-secret-that-is-not-the-apps"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(path, AdminToken(Domain, audience: "another-app"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(path, AdminToken(Domain, expiresIn: TimeSpan.FromMinutes(-5)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path, AdminToken("another-shop.myshopify.com"))).StatusCode);
    }

    [Fact]
    public async Task Customer_redact_erases_the_person_on_every_channel_and_spares_everyone_else()
    {
        var shop = await _app.AddShopAsync(Domain);
        var seed = await WriteAsync(_app, shop.Id, Domain);
        await _app.ApplyAsync("customers/data_request", Domain,
            WebhookPayloads.DataRequest(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, null, [], 10002));

        var redact = await _app.ApplyAsync("customers/redact", Domain,
            WebhookPayloads.CustomerRedact(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, "613-555-0142", [JaneOrderA, JaneOrderB]));

        await _app.InShopAsync(shop.Id, async db =>
        {
            var janes = await db.Customers.Where(c => c.Id == seed.JaneId || c.Id == seed.JaneChannelProfileId).ToListAsync();
            Assert.All(janes, c =>
            {
                Assert.Null(c.ShopifyId);
                Assert.Null(c.FirstName);
                Assert.Null(c.LastName);
                Assert.Null(c.Email);
                Assert.Null(c.Phone);
                Assert.False(c.EmailMarketingConsent);
            });
            Assert.False(await db.ChannelIdentities.AnyAsync(i => i.CustomerId == seed.JaneId || i.CustomerId == seed.JaneChannelProfileId));
            var janeMessages = await db.Messages.Where(m => m.ConversationId == seed.JaneWidgetConversation || m.ConversationId == seed.JaneWhatsAppConversation).ToListAsync();
            Assert.Equal(4, janeMessages.Count);
            Assert.All(janeMessages, m => { Assert.Equal(CustomerRedaction.RedactedText, m.Text); Assert.Null(m.PayloadJson); });
            Assert.All(await db.Conversations.Where(c => c.Id == seed.JaneWidgetConversation).ToListAsync(), c => Assert.Equal("{}", c.StateJson));
            var janeSend = await db.Outbox.SingleAsync(o => o.ConversationId == seed.JaneWhatsAppConversation);
            Assert.Equal((OutboxStatus.Cancelled, CustomerRedaction.RedactedText), (janeSend.Status, janeSend.Recipient));
            var orders = await db.Orders.Include(o => o.Lines).Where(o => o.ShopifyId == JaneOrderA || o.ShopifyId == JaneOrderB).ToListAsync();
            Assert.All(orders, o => { Assert.Null(o.CustomerId); Assert.Null(o.CustomerShopifyId); Assert.Null(o.Email); Assert.Single(o.Lines); });
            Assert.False(await db.Set<DataExport>().AnyAsync(e => e.ShopifyCustomerId == JaneShopifyId));

            // Sam is untouched.
            var sam = await db.Customers.Include(c => c.Identities).SingleAsync(c => c.Id == seed.SamId);
            Assert.Equal((SamEmail, 2), (sam.Email, sam.Identities.Count));
            Assert.Contains(await db.Messages.Where(m => m.ConversationId == seed.SamConversation).Select(m => m.Text).ToListAsync(), t => t == SamText);
            Assert.Equal(SamEmail, (await db.Orders.SingleAsync(o => o.ShopifyId == JaneOrderA + 2)).Email);
            Assert.True(await db.Set<DataExport>().AnyAsync(e => e.ShopifyCustomerId == SamShopifyId));
            Assert.Equal(OutboxStatus.Pending, (await db.Outbox.SingleAsync(o => o.ConversationId == seed.SamConversation)).Status);
        });
        var inbox = await _app.InShopAsync(shop.Id, db => db.Inbox.AsNoTracking().Where(m => m.ShopId == shop.Id).ToListAsync());
        Assert.Equal("{}", inbox.Single(m => m.Id == seed.JaneInboxRow).Body);
        Assert.Equal("{}", inbox.Single(m => m.Id == redact.Id).Body);
        Assert.Contains(SamText, inbox.Single(m => m.Id == seed.SamInboxRow).Body);
        Assert.DoesNotContain(inbox, m => m.Body.Contains(JaneEmail) || m.Body.Contains("16135550142"));

        // A late customers/update does not bring her back.
        await _app.ApplyAsync("customers/update", Domain,
            WebhookPayloads.Customer(JaneShopifyId, "Jane", "Doe", JaneEmail, JanePhone, DateTimeOffset.UtcNow));
        Assert.False(await _app.InShopAsync(shop.Id, db => db.Customers.AnyAsync(c => c.Email == JaneEmail)));
    }

    [Fact]
    public async Task Customer_redact_leaves_no_remembered_profile_and_no_thread_version_a_turn_could_write_back()
    {
        var shop = await _app.AddShopAsync(Domain);
        var seed = await WriteAsync(_app, shop.Id, Domain);
        var profiles = _app.App.Services.GetRequiredService<ICustomerProfileSource>();
        var before = await profiles.GetRecentAsync(shop.Id, seed.JaneId, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal("Jane", before!.FirstName);
        Assert.NotEmpty(before.Orders);
        var versionBefore = await _app.InShopAsync(shop.Id, db => db.Conversations.Where(c => c.Id == seed.JaneWidgetConversation).Select(c => c.Version).SingleAsync());

        await _app.ApplyAsync("customers/redact", Domain,
            WebhookPayloads.CustomerRedact(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, "613-555-0142", [JaneOrderA, JaneOrderB]));

        // Ranking asks for a profile "at most a minute old": it must be read again, without the erased name and orders.
        var after = await profiles.GetRecentAsync(shop.Id, seed.JaneId, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(after);
        Assert.Null(after.FirstName);
        Assert.Empty(after.Orders);
        Assert.Empty(after.ProductsBought);
        // A turn that read the thread before the erasure holds the old version: its write-back is refused as a conflict.
        var versionAfter = await _app.InShopAsync(shop.Id, db => db.Conversations.Where(c => c.Id == seed.JaneWidgetConversation).Select(c => c.Version).SingleAsync());
        Assert.NotEqual(versionBefore, versionAfter);
    }

    [Fact]
    public async Task Privacy_requests_are_applied_after_the_app_was_uninstalled()
    {
        var shop = await _app.AddShopAsync(Domain);
        await WriteAsync(_app, shop.Id, Domain);
        await _app.ApplyAsync("app/uninstalled", Domain, WebhookPayloads.Shop(ShopifyShopId, Domain, "Privacy", "USD", DateTimeOffset.UtcNow));

        await _app.ApplyAsync("customers/redact", Domain,
            WebhookPayloads.CustomerRedact(ShopifyShopId, Domain, JaneShopifyId, JaneEmail, null, []));

        Assert.False(await _app.InShopAsync(shop.Id, db => db.Customers.AnyAsync(c => c.Email == JaneEmail)));
        Assert.Equal(0, await _app.InShopAsync(shop.Id, db => db.ChannelIdentities.CountAsync(i => i.Kind == ChannelIdentityKind.Phone)));
        Assert.True(await _app.InShopAsync(shop.Id, db => db.Messages.AnyAsync(m => m.Channel == Channel.WhatsApp && m.Text == CustomerRedaction.RedactedText)));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _app.Client.SendAsync(request);
    }

    /// <summary>An App Bridge session token for this test app (the shared builder, with the webhook app's key and secret).</summary>
    private static string AdminToken(string shop, string secret = WebhookApp.Secret, string audience = WebhookApp.ApiKey, TimeSpan? expiresIn = null) =>
        ShopifyTestApp.SessionToken(shop, DateTimeOffset.UtcNow, audience, secret, expiresIn);
}
