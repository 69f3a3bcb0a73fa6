using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static ConversationalCommerce.Shopify.Tests.Support.WebhookPayloads;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

public sealed class CustomerAndOrderWebhookTests : IDisposable
{
    private const string Domain = "customers-test.myshopify.com";
    private const long Jane = 706405506930370084;
    private const long JaneDuplicate = 706405506930370085;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly WebhookApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Customer_updates_apply_in_order_and_link_a_shopify_identity()
    {
        var shop = await _app.AddShopAsync(Domain);

        await _app.ApplyAsync("customers/create", Domain, Customer(Jane, "Jane", "Doe", "jane@example.com", "+16135550142", T0));
        await _app.ApplyAsync("customers/update", Domain, Customer(Jane, "Jane", "Smith", "jane.smith@example.com", "+16135550142", T0.AddMinutes(2), emailMarketing: true));
        await _app.ApplyAsync("customers/update", Domain, Customer(Jane, "Jane", "Stale", "stale@example.com", null, T0.AddMinutes(1)));

        var customer = await _app.InShopAsync(shop.Id, db => db.Customers.Include(c => c.Identities).SingleAsync());
        Assert.Equal(Jane, customer.ShopifyId);
        Assert.Equal("Smith", customer.LastName);
        Assert.Equal("jane.smith@example.com", customer.Email);
        Assert.True(customer.EmailMarketingConsent);
        var identity = Assert.Single(customer.Identities);
        Assert.Equal((ChannelIdentityKind.ShopifyCustomer, Jane.ToString()), (identity.Kind, identity.Value));
    }

    [Fact]
    public async Task Order_create_and_update_keep_lines_status_tracking_and_customer()
    {
        var shop = await _app.AddShopAsync(Domain);
        var buyer = CustomerObject(Jane, "Jane", "Doe", "jane@example.com", null, T0);
        List<Line> lines = [new(632910392, 808950810, "Stoneware Mug", 2, 18m), new(921728736, 447654529, "Tea Towel", 1, 9.5m)];

        await _app.ApplyAsync("orders/create", Domain, Order(450789469, "#1001", buyer, "jane@example.com", T0, lines, financialStatus: "pending"));
        await _app.ApplyAsync("orders/updated", Domain, Order(450789469, "#1001", buyer, "jane@example.com", T0.AddHours(1), lines,
            fulfillmentStatus: "fulfilled", trackingUrl: "https://www.ups.com/track?tracknum=1Z999"));
        await _app.ApplyAsync("orders/updated", Domain, Order(450789469, "#1001", buyer, "jane@example.com", T0.AddMinutes(30), lines, financialStatus: "pending"));

        var order = await _app.InShopAsync(shop.Id, db => db.Orders.Include(o => o.Lines).SingleAsync());
        var customer = await _app.InShopAsync(shop.Id, db => db.Customers.SingleAsync());
        Assert.Equal("#1001", order.Name);
        Assert.Equal(45.5m, order.TotalPrice);
        Assert.Equal("paid", order.FinancialStatus);
        Assert.Equal("fulfilled", order.FulfillmentStatus);
        Assert.Equal("https://www.ups.com/track?tracknum=1Z999", order.TrackingUrl);
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(2, order.Lines.Single(l => l.VariantShopifyId == 808950810).Quantity);
        Assert.Equal(customer.Id, order.CustomerId);
        Assert.Equal(Jane, order.CustomerShopifyId);
    }

    [Fact]
    public async Task Customer_merge_moves_conversations_orders_and_identities_to_the_kept_customer()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("customers/create", Domain, Customer(Jane, "Jane", "Doe", "jane@example.com", null, T0));
        await _app.ApplyAsync("customers/create", Domain, Customer(JaneDuplicate, "Jane", "D.", "jd@example.com", "+16135550142", T0));
        await _app.ApplyAsync("orders/create", Domain, Order(450789470, "#1002",
            CustomerObject(JaneDuplicate, "Jane", "D.", "jd@example.com", null, T0), "jd@example.com", T0, [new(1, 2, "Mug", 1, 18m)]));
        var duplicateId = await _app.InShopAsync(shop.Id, db => db.Customers.Where(c => c.ShopifyId == JaneDuplicate).Select(c => c.Id).SingleAsync());
        await _app.InShopAsync(shop.Id, async db =>
        {
            db.ChannelIdentities.Add(new ChannelIdentity { CustomerId = duplicateId, Kind = ChannelIdentityKind.Phone, Value = "+16135550142", Evidence = "whatsapp_inbound", VerifiedAt = T0 });
            db.Conversations.Add(new Conversation { CustomerId = duplicateId, StartedAt = T0, LastMessageAt = T0, LastChannel = Channel.WhatsApp });
            await db.SaveChangesAsync();
        });

        await _app.ApplyAsync("customers/merge", Domain, CustomerMerge(Jane, JaneDuplicate));

        var customers = await _app.InShopAsync(shop.Id, db => db.Customers.Include(c => c.Identities).ToListAsync());
        var kept = Assert.Single(customers);
        Assert.Equal(Jane, kept.ShopifyId);
        Assert.Contains(kept.Identities, i => i.Kind == ChannelIdentityKind.Phone && i.Value == "+16135550142");
        Assert.Equal(kept.Id, await _app.InShopAsync(shop.Id, db => db.Conversations.Select(c => c.CustomerId).SingleAsync()));
        var order = await _app.InShopAsync(shop.Id, db => db.Orders.SingleAsync());
        Assert.Equal((kept.Id, Jane), (order.CustomerId!.Value, order.CustomerShopifyId!.Value));

        // The merged-away customer stays gone even if a late update for it arrives.
        await _app.ApplyAsync("customers/update", Domain, Customer(JaneDuplicate, "Jane", "D.", "jd@example.com", null, T0.AddMinutes(5)));
        Assert.Equal(1, await _app.InShopAsync(shop.Id, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Customer_delete_unlinks_a_channel_profile_and_removes_a_shopify_only_one()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("customers/create", Domain, Customer(Jane, "Jane", "Doe", "jane@example.com", null, T0));
        await _app.ApplyAsync("customers/create", Domain, Customer(JaneDuplicate, "Sam", "Roe", "sam@example.com", null, T0));
        var janeId = await _app.InShopAsync(shop.Id, db => db.Customers.Where(c => c.ShopifyId == Jane).Select(c => c.Id).SingleAsync());
        await _app.InShopAsync(shop.Id, async db =>
        {
            db.Conversations.Add(new Conversation { CustomerId = janeId, StartedAt = T0, LastMessageAt = T0, LastChannel = Channel.Widget });
            await db.SaveChangesAsync();
        });

        await _app.ApplyAsync("customers/delete", Domain, CustomerDeleted(Jane));
        await _app.ApplyAsync("customers/delete", Domain, CustomerDeleted(JaneDuplicate));

        var left = await _app.InShopAsync(shop.Id, db => db.Customers.Include(c => c.Identities).SingleAsync());
        Assert.Equal(janeId, left.Id);
        Assert.Null(left.ShopifyId);
        Assert.Empty(left.Identities);
    }
}
