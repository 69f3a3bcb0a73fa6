using System.Globalization;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>Webhook bodies shaped like Shopify's REST resources (2025-10), with the fields a real delivery carries.</summary>
public static class WebhookPayloads
{
    public sealed record Variant(long Id, decimal Price, long InventoryItemId, int Quantity, string Sku = "", string Option1 = "Default Title",
        decimal? CompareAtPrice = null, string InventoryPolicy = "deny");

    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Product(long id, string title, DateTimeOffset updatedAt, IReadOnlyList<Variant> variants,
        string productType = "Mugs", string vendor = "Acme Ceramics", string tags = "gift, kitchen", string status = "active",
        string bodyHtml = "<p>Hand-glazed stoneware.</p>")
    {
        var handle = title.ToLowerInvariant().Replace(' ', '-');
        return JsonSerializer.Serialize(new
        {
            admin_graphql_api_id = $"gid://shopify/Product/{id}",
            body_html = bodyHtml,
            created_at = Time(updatedAt.AddDays(-30)),
            handle,
            id,
            product_type = productType,
            published_at = status == "active" ? Time(updatedAt.AddDays(-29)) : null,
            template_suffix = (string?)null,
            title,
            updated_at = Time(updatedAt),
            vendor,
            status,
            published_scope = "global",
            tags,
            variants = variants.Select((v, i) => new
            {
                admin_graphql_api_id = $"gid://shopify/ProductVariant/{v.Id}",
                barcode = (string?)null,
                compare_at_price = v.CompareAtPrice?.ToString("0.00", CultureInfo.InvariantCulture),
                created_at = Time(updatedAt.AddDays(-30)),
                id = v.Id,
                inventory_policy = v.InventoryPolicy,
                position = i + 1,
                price = v.Price.ToString("0.00", CultureInfo.InvariantCulture),
                product_id = id,
                sku = v.Sku,
                taxable = true,
                title = v.Option1,
                updated_at = Time(updatedAt),
                option1 = v.Option1,
                option2 = (string?)null,
                option3 = (string?)null,
                image_id = (long?)null,
                inventory_item_id = v.InventoryItemId,
                inventory_quantity = v.Quantity,
                old_inventory_quantity = v.Quantity,
            }),
            options = new[] { new { name = variants.Count > 1 ? "Size" : "Title", id = id + 1, product_id = id, position = 1, values = variants.Select(v => v.Option1).ToArray() } },
            images = new[]
            {
                new { id = id + 2, product_id = id, position = 1, created_at = Time(updatedAt), updated_at = Time(updatedAt), alt = (string?)title,
                    width = 800, height = 800, src = $"https://cdn.shopify.com/s/files/1/0000/0001/products/{handle}.jpg", variant_ids = Array.Empty<long>(),
                    admin_graphql_api_id = $"gid://shopify/ProductImage/{id + 2}" },
            },
            image = (object?)null,
            media = Array.Empty<object>(),
            variant_gids = variants.Select(v => new { admin_graphql_api_id = $"gid://shopify/ProductVariant/{v.Id}", updated_at = Time(updatedAt) }),
            has_variants_that_requires_components = false,
            category = (object?)null,
        });
    }

    public static string Deleted(long id) => JsonSerializer.Serialize(new { id });

    public static string InventoryLevel(long inventoryItemId, long locationId, int? available, DateTimeOffset updatedAt) =>
        JsonSerializer.Serialize(new
        {
            inventory_item_id = inventoryItemId,
            location_id = locationId,
            available,
            updated_at = Time(updatedAt),
            admin_graphql_api_id = $"gid://shopify/InventoryLevel/{locationId}?inventory_item_id={inventoryItemId}",
        });

    public static string InventoryDisconnect(long inventoryItemId, long locationId) =>
        JsonSerializer.Serialize(new { inventory_item_id = inventoryItemId, location_id = locationId });

    public static string InventoryItem(long id, string sku, bool tracked, DateTimeOffset updatedAt) =>
        JsonSerializer.Serialize(new
        {
            id,
            sku,
            created_at = Time(updatedAt.AddDays(-30)),
            updated_at = Time(updatedAt),
            requires_shipping = true,
            cost = "4.50",
            country_code_of_origin = (string?)null,
            province_code_of_origin = (string?)null,
            harmonized_system_code = (string?)null,
            tracked,
            country_harmonized_system_codes = Array.Empty<object>(),
            admin_graphql_api_id = $"gid://shopify/InventoryItem/{id}",
        });

    public static string Collection(long id, string title, DateTimeOffset updatedAt) =>
        JsonSerializer.Serialize(new
        {
            id,
            handle = title.ToLowerInvariant().Replace(' ', '-'),
            title,
            updated_at = Time(updatedAt),
            body_html = "<p>Hand-picked.</p>",
            published_at = Time(updatedAt.AddDays(-1)),
            sort_order = "manual",
            template_suffix = (string?)null,
            published_scope = "web",
            admin_graphql_api_id = $"gid://shopify/Collection/{id}",
        });

    public static object CustomerObject(long id, string first, string last, string email, string? phone, DateTimeOffset updatedAt, bool emailMarketing = false) => new
    {
        id,
        email,
        created_at = Time(updatedAt.AddDays(-100)),
        updated_at = Time(updatedAt),
        first_name = first,
        last_name = last,
        orders_count = 0,
        state = "enabled",
        total_spent = "0.00",
        last_order_id = (long?)null,
        note = (string?)null,
        verified_email = true,
        multipass_identifier = (string?)null,
        tax_exempt = false,
        tags = "vip",
        last_order_name = (string?)null,
        currency = "USD",
        phone,
        addresses = Array.Empty<object>(),
        tax_exemptions = Array.Empty<string>(),
        email_marketing_consent = new { state = emailMarketing ? "subscribed" : "not_subscribed", opt_in_level = "single_opt_in", consent_updated_at = (string?)null },
        sms_marketing_consent = (object?)null,
        admin_graphql_api_id = $"gid://shopify/Customer/{id}",
        default_address = (object?)null,
    };

    public static string Customer(long id, string first, string last, string email, string? phone, DateTimeOffset updatedAt, bool emailMarketing = false) =>
        JsonSerializer.Serialize(CustomerObject(id, first, last, email, phone, updatedAt, emailMarketing));

    public static string CustomerDeleted(long id) => JsonSerializer.Serialize(new
    {
        id,
        phone = (string?)null,
        addresses = Array.Empty<object>(),
        tax_exemptions = Array.Empty<string>(),
        email_marketing_consent = (object?)null,
        sms_marketing_consent = (object?)null,
        admin_graphql_api_id = $"gid://shopify/Customer/{id}",
    });

    public static string CustomerMerge(long keptId, long deletedId, string status = "completed") => JsonSerializer.Serialize(new
    {
        admin_graphql_api_customer_kept_id = $"gid://shopify/Customer/{keptId}",
        admin_graphql_api_customer_deleted_id = $"gid://shopify/Customer/{deletedId}",
        admin_graphql_api_job_id = (string?)null,
        status,
        errors = Array.Empty<object>(),
    });

    public sealed record Line(long ProductId, long VariantId, string Title, int Quantity, decimal Price);

    public static string Order(long id, string name, object? customer, string? email, DateTimeOffset updatedAt, IReadOnlyList<Line> lines,
        string financialStatus = "paid", string? fulfillmentStatus = null, string? trackingUrl = null)
    {
        var total = lines.Sum(l => l.Price * l.Quantity);
        return JsonSerializer.Serialize(new
        {
            id,
            admin_graphql_api_id = $"gid://shopify/Order/{id}",
            name,
            order_number = int.Parse(name.TrimStart('#'), CultureInfo.InvariantCulture),
            email,
            contact_email = email,
            created_at = Time(updatedAt.AddMinutes(-5)),
            updated_at = Time(updatedAt),
            processed_at = Time(updatedAt.AddMinutes(-5)),
            cancelled_at = (string?)null,
            cancel_reason = (string?)null,
            currency = "USD",
            presentment_currency = "USD",
            current_total_price = total.ToString("0.00", CultureInfo.InvariantCulture),
            total_price = total.ToString("0.00", CultureInfo.InvariantCulture),
            subtotal_price = total.ToString("0.00", CultureInfo.InvariantCulture),
            financial_status = financialStatus,
            fulfillment_status = fulfillmentStatus,
            customer,
            line_items = lines.Select((l, i) => new
            {
                id = id * 10 + i,
                admin_graphql_api_id = $"gid://shopify/LineItem/{id * 10 + i}",
                product_id = l.ProductId,
                variant_id = l.VariantId,
                title = l.Title,
                variant_title = (string?)null,
                name = l.Title,
                quantity = l.Quantity,
                price = l.Price.ToString("0.00", CultureInfo.InvariantCulture),
                sku = "",
                vendor = "Acme Ceramics",
                fulfillable_quantity = l.Quantity,
                fulfillment_status = (string?)null,
                gift_card = false,
                requires_shipping = true,
                taxable = true,
            }),
            fulfillments = trackingUrl is null ? Array.Empty<object>() : new object[]
            {
                new { id = id + 5, order_id = id, status = "success", tracking_company = "UPS", tracking_number = "1Z999", tracking_numbers = new[] { "1Z999" },
                    tracking_url = trackingUrl, tracking_urls = new[] { trackingUrl }, created_at = Time(updatedAt), updated_at = Time(updatedAt) },
            },
        });
    }

    public static string Shop(long id, string domain, string name, string currency, DateTimeOffset updatedAt, string locale = "en") =>
        JsonSerializer.Serialize(new
        {
            id,
            name,
            email = "owner@example.com",
            domain,
            province = "California",
            country = "US",
            address1 = "1 Main St",
            zip = "94016",
            city = "San Francisco",
            phone = "",
            primary_locale = locale,
            created_at = Time(updatedAt.AddYears(-1)),
            updated_at = Time(updatedAt),
            country_code = "US",
            country_name = "United States",
            currency,
            customer_email = "owner@example.com",
            timezone = "(GMT-08:00) Pacific Time (US & Canada)",
            iana_timezone = "America/Los_Angeles",
            shop_owner = "Owner",
            money_format = "${{amount}}",
            plan_name = "partner_test",
            myshopify_domain = domain,
        });

    public static string ScopesUpdate(long id, string[] previous, string[] current, DateTimeOffset updatedAt) =>
        JsonSerializer.Serialize(new { id, previous, current, updated_at = Time(updatedAt), created_at = Time(updatedAt.AddDays(-10)) });

    public static string BulkOperationFinish(long id, string status = "completed") => JsonSerializer.Serialize(new
    {
        admin_graphql_api_id = $"gid://shopify/BulkOperation/{id}",
        completed_at = Time(DateTimeOffset.UtcNow),
        created_at = Time(DateTimeOffset.UtcNow.AddMinutes(-2)),
        error_code = (string?)null,
        status,
        type = "query",
    });

    public static string DataRequest(long shopId, string domain, long customerId, string email, string? phone, long[] orders, long requestId) =>
        JsonSerializer.Serialize(new
        {
            shop_id = shopId,
            shop_domain = domain,
            orders_requested = orders,
            customer = new { id = customerId, email, phone },
            data_request = new { id = requestId },
        });

    public static string CustomerRedact(long shopId, string domain, long customerId, string email, string? phone, long[] orders) =>
        JsonSerializer.Serialize(new
        {
            shop_id = shopId,
            shop_domain = domain,
            customer = new { id = customerId, email, phone },
            orders_to_redact = orders,
        });

    public static string ShopRedact(long shopId, string domain) => JsonSerializer.Serialize(new { shop_id = shopId, shop_domain = domain });
}
