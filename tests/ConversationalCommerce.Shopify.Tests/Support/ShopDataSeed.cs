using System.Reflection;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Domain.Sync;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>
/// A shop with a row in every table we know: catalog, stock, collections, two customers with identities on every
/// channel, orders, widget and WhatsApp conversations, pending sends, exports, sync markers and stored deliveries.
/// </summary>
public sealed class ShopDataSeed
{
    public const long JaneShopifyId = 207119551;
    public const long SamShopifyId = 207119552;
    public const string JaneEmail = "jane.doe@example.com";
    public const string JanePhone = "+16135550142";
    public const string SamEmail = "sam.roe@example.com";
    public const long JaneOrderA = 450789469;
    public const long JaneOrderB = 450789470;
    public const long SamOrder = 450789471;
    public const string JaneWidgetText = "I need a gift for my sister, she lives at 12 Elm Street";
    public const string JaneWhatsAppText = "Is the mug still in stock? Call me on +16135550142";
    public const string SamText = "Do you ship to Canada?";

    public Guid JaneId { get; private set; }
    public Guid JaneChannelProfileId { get; private set; }
    public Guid SamId { get; private set; }
    public Guid JaneWidgetConversation { get; private set; }
    public Guid JaneWhatsAppConversation { get; private set; }
    public Guid SamConversation { get; private set; }
    public Guid JaneInboxRow { get; private set; }
    public Guid SamInboxRow { get; private set; }

    public static async Task<ShopDataSeed> WriteAsync(WebhookApp app, Guid shopId, string shopDomain)
    {
        var seed = new ShopDataSeed();
        var now = DateTimeOffset.UtcNow.AddHours(-2);
        await app.InShopAsync(shopId, async db =>
        {
            var product = new Product { ShopifyId = 632910392, Handle = "stoneware-mug", Title = "Stoneware Mug", CreatedAt = now, UpdatedAt = now };
            product.Variants.Add(new ProductVariant { ShopifyId = 808950810, Price = 18m, InventoryItemId = 39072856, InventoryQuantity = 3 });
            product.Images.Add(new ProductImage { Src = "https://cdn.shopify.com/mug.jpg" });
            var collection = new Collection { ShopifyId = 841564295, Handle = "gifts", Title = "Gifts", UpdatedAt = now };
            db.Products.Add(product);
            db.Collections.Add(collection);
            db.ProductCollections.Add(new ProductCollection { ProductId = product.Id, CollectionId = collection.Id });
            db.InventoryLevels.Add(new InventoryLevel { InventoryItemId = 39072856, LocationId = 487838322, Available = 3, UpdatedAt = now });

            var jane = new Customer { ShopifyId = JaneShopifyId, FirstName = "Jane", LastName = "Doe", Email = JaneEmail, Phone = JanePhone,
                EmailMarketingConsent = true, CreatedAt = now, UpdatedAt = now };
            // A profile our email channel built before it knew she was a Shopify customer.
            var janeByEmail = new Customer { Email = JaneEmail, CreatedAt = now, UpdatedAt = now };
            var sam = new Customer { ShopifyId = SamShopifyId, FirstName = "Sam", LastName = "Roe", Email = SamEmail, CreatedAt = now, UpdatedAt = now };
            db.Customers.AddRange(jane, janeByEmail, sam);
            db.ChannelIdentities.AddRange(
                Identity(jane.Id, ChannelIdentityKind.ShopifyCustomer, JaneShopifyId.ToString(), now),
                Identity(jane.Id, ChannelIdentityKind.Phone, JanePhone, now, optIn: "whatsapp_checkbox"),
                Identity(jane.Id, ChannelIdentityKind.WidgetVisitor, "v_5f2c1e9a8b7d4c3e", now),
                Identity(janeByEmail.Id, ChannelIdentityKind.Email, JaneEmail, now, optIn: "email_reply"),
                Identity(sam.Id, ChannelIdentityKind.ShopifyCustomer, SamShopifyId.ToString(), now),
                Identity(sam.Id, ChannelIdentityKind.Email, SamEmail, now));

            var widget = Thread(jane.Id, Channel.Widget, now, JaneWidgetText, "Here are three gifts under $50.");
            var whatsapp = Thread(janeByEmail.Id, Channel.WhatsApp, now, JaneWhatsAppText, "Yes, 3 left.");
            var samThread = Thread(sam.Id, Channel.Email, now, SamText, "We ship to Canada in 5 days.");
            db.Conversations.AddRange(widget, whatsapp, samThread);
            db.Outbox.Add(new OutboxMessage { ConversationId = whatsapp.Id, MessageId = whatsapp.Messages[1].Id, Channel = Channel.WhatsApp,
                Recipient = JanePhone, PayloadJson = "{\"text\":\"Yes, 3 left.\"}", CreatedAt = now });
            db.Outbox.Add(new OutboxMessage { ConversationId = samThread.Id, MessageId = samThread.Messages[1].Id, Channel = Channel.Email,
                Recipient = SamEmail, PayloadJson = "{\"text\":\"We ship\"}", CreatedAt = now });

            db.Orders.AddRange(
                OrderOf(JaneOrderA, "#1001", jane.Id, JaneShopifyId, JaneEmail, now),
                // Bought as a guest: only the data request's order list ties it to her.
                OrderOf(JaneOrderB, "#1002", null, null, null, now),
                OrderOf(SamOrder, "#1003", sam.Id, SamShopifyId, SamEmail, now));

            db.Set<ShopifyTombstone>().Add(new ShopifyTombstone { ResourceType = ShopifyResourceType.Product, ShopifyId = 1, DeletedAt = now });
            db.Set<ShopifyResourceVersion>().Add(new ShopifyResourceVersion { ResourceType = ShopifyResourceType.InventoryItem, ShopifyId = 39072856, UpdatedAt = now });
            db.Set<DataExport>().Add(new DataExport { ShopifyCustomerId = SamShopifyId, CustomerId = sam.Id, RequestedAt = now, Json = "{\"email\":\"" + SamEmail + "\"}" });

            var janeInbox = Inbox(shopId, shopDomain, "whatsapp", $"{{\"from\":\"16135550142\",\"text\":\"{JaneWhatsAppText}\"}}", now);
            var samInbox = Inbox(shopId, shopDomain, "email", $"{{\"from\":\"{SamEmail}\",\"text\":\"{SamText}\"}}", now);
            db.Inbox.AddRange(janeInbox, samInbox);
            await db.SaveChangesAsync();

            (seed.JaneId, seed.JaneChannelProfileId, seed.SamId) = (jane.Id, janeByEmail.Id, sam.Id);
            (seed.JaneWidgetConversation, seed.JaneWhatsAppConversation, seed.SamConversation) = (widget.Id, whatsapp.Id, samThread.Id);
            (seed.JaneInboxRow, seed.SamInboxRow) = (janeInbox.Id, samInbox.Id);
        });
        return seed;
    }

    /// <summary>Rows per shop-owned table for one shop, read past the shop filter; every shop-owned type in the model is listed.</summary>
    public static async Task<Dictionary<string, int>> CountRowsAsync(AppDbContext db, Guid shopId)
    {
        var counts = new Dictionary<string, int>();
        var method = typeof(ShopDataSeed).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(IShopOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
            counts[type.ClrType.Name] = await (Task<int>)method.MakeGenericMethod(type.ClrType).Invoke(null, [db, shopId])!;
        return counts;
    }

    private static Task<int> CountAsync<T>(AppDbContext db, Guid shopId) where T : class, IShopOwned =>
        db.Set<T>().IgnoreQueryFilters().CountAsync(e => e.ShopId == shopId);

    private static ChannelIdentity Identity(Guid customerId, ChannelIdentityKind kind, string value, DateTimeOffset at, string? optIn = null) => new()
    {
        CustomerId = customerId, Kind = kind, Value = value, Evidence = "test", VerifiedAt = at,
        OptedInAt = optIn is null ? null : at, OptInSource = optIn,
    };

    private static Conversation Thread(Guid customerId, Channel channel, DateTimeOffset at, string shopperText, string reply)
    {
        var conversation = new Conversation { CustomerId = customerId, StartedAt = at, LastMessageAt = at, LastChannel = channel, LastSeq = 2,
            StateJson = "{\"slots\":{\"recipient\":\"sister\"}}" };
        conversation.Messages.Add(new Message { ConversationId = conversation.Id, Seq = 1, Role = MessageRole.Shopper, Channel = channel, Text = shopperText,
            ExternalId = Guid.NewGuid().ToString("N"), CreatedAt = at });
        conversation.Messages.Add(new Message { ConversationId = conversation.Id, Seq = 2, Role = MessageRole.Assistant, Channel = channel, Text = reply,
            PayloadJson = "{\"cards\":[]}", CreatedAt = at });
        return conversation;
    }

    private static Order OrderOf(long shopifyId, string name, Guid? customerId, long? customerShopifyId, string? email, DateTimeOffset at)
    {
        var order = new Order { ShopifyId = shopifyId, Name = name, CustomerId = customerId, CustomerShopifyId = customerShopifyId, Email = email,
            TotalPrice = 18m, FinancialStatus = "paid", CreatedAt = at, UpdatedAt = at };
        order.Lines.Add(new OrderLine { OrderId = order.Id, ProductShopifyId = 632910392, VariantShopifyId = 808950810, Title = "Stoneware Mug", Quantity = 1, Price = 18m });
        return order;
    }

    private static InboxMessage Inbox(Guid shopId, string domain, string source, string body, DateTimeOffset at) => new()
    {
        Source = source, Topic = "message", DedupeKey = Guid.NewGuid().ToString("N"), ShopId = shopId, ShopDomain = domain, Body = body,
        ReceivedAt = at, NextAttemptAt = at, ProcessedAt = at, Status = InboxStatus.Done, Attempts = 1,
    };
}
