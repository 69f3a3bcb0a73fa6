using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>products/create, products/update, products/delete.</summary>
public sealed class ProductTopics(AppDbContext db, ResourceVersions versions, ICatalogChangeNotifier catalog, ILogger<ProductTopics> log)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } =
        [ShopifyTopics.ProductsCreate, ShopifyTopics.ProductsUpdate, ShopifyTopics.ProductsDelete];

    public Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken) =>
        webhook.Topic == ShopifyTopics.ProductsDelete ? DeleteAsync(webhook, cancellationToken) : UpsertAsync(webhook, cancellationToken);

    private async Task UpsertAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<ProductPayload>();
        var updatedAt = payload.UpdatedAt ?? webhook.OccurredAt;
        if (await versions.IsDeletedAsync(ShopifyResourceType.Product, payload.Id, cancellationToken))
        {
            log.LogInformation("Product {ShopifyId} was deleted; {Topic} ignored", payload.Id, webhook.Topic);
            return;
        }
        var product = await db.Products.Include(p => p.Variants).Include(p => p.Images).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.ShopifyId == payload.Id, cancellationToken);
        if (product is not null && product.UpdatedAt > updatedAt)
        {
            log.LogInformation("Product {ShopifyId}: {Topic} of {UpdatedAt} is older than the stored {StoredAt}; ignored",
                payload.Id, webhook.Topic, updatedAt, product.UpdatedAt);
            return;
        }
        if (product is null)
        {
            product = new Product
            {
                ShopifyId = payload.Id,
                Handle = payload.Handle ?? payload.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = payload.Title ?? "",
                CreatedAt = payload.CreatedAt ?? updatedAt,
            };
            db.Products.Add(product);
        }

        product.Handle = payload.Handle ?? product.Handle;
        product.Title = payload.Title ?? product.Title;
        product.BodyHtml = payload.BodyHtml ?? "";
        product.Vendor = payload.Vendor ?? "";
        product.ProductType = payload.ProductType ?? "";
        product.Tags = payload.Tags ?? "";
        product.Status = ParseStatus(payload.Status) ?? product.Status;
        product.Published = payload.PublishedAt is not null;
        product.UpdatedAt = updatedAt;
        var options = payload.Options.OrderBy(o => o.Position).ToList();
        product.Option1Name = options.ElementAtOrDefault(0)?.Name;
        product.Option2Name = options.ElementAtOrDefault(1)?.Name;
        product.Option3Name = options.ElementAtOrDefault(2)?.Name;

        await ApplyVariantsAsync(product, payload.Variants, cancellationToken);
        ApplyImages(product, payload.Images);

        await db.SaveChangesAsync(cancellationToken);
        catalog.ProductsChanged(webhook.Shop.Id, [product.Id]);
    }

    private async Task ApplyVariantsAsync(Product product, List<VariantPayload> incoming, CancellationToken cancellationToken)
    {
        var itemIds = incoming.Where(v => v.InventoryItemId is not null).Select(v => v.InventoryItemId!.Value).ToList();
        // Stock per location arrives separately (inventory_levels/*) with its own timestamps; when we hold levels they win.
        var fromLevels = await VariantStock.AvailableByItemAsync(db, itemIds, cancellationToken);
        var keep = incoming.Select(v => v.Id).ToHashSet();
        foreach (var gone in product.Variants.Where(v => !keep.Contains(v.ShopifyId)).ToList())
        {
            product.Variants.Remove(gone);
            db.Variants.Remove(gone);
        }
        for (var i = 0; i < incoming.Count; i++)
        {
            var source = incoming[i];
            var variant = product.Variants.FirstOrDefault(v => v.ShopifyId == source.Id);
            if (variant is null)
            {
                variant = new ProductVariant { ShopifyId = source.Id, ProductId = product.Id };
                product.Variants.Add(variant);
                // Added explicitly: a new child with its key already set would otherwise be taken for an existing row.
                db.Variants.Add(variant);
            }
            variant.Title = source.Title ?? "Default Title";
            variant.Sku = string.IsNullOrEmpty(source.Sku) ? null : source.Sku;
            variant.Price = source.Price;
            variant.CompareAtPrice = source.CompareAtPrice;
            variant.Option1 = source.Option1;
            variant.Option2 = source.Option2;
            variant.Option3 = source.Option3;
            variant.Position = source.Position ?? i + 1;
            variant.InventoryItemId = source.InventoryItemId;
            variant.InventoryPolicy = string.Equals(source.InventoryPolicy, "continue", StringComparison.OrdinalIgnoreCase)
                ? InventoryPolicy.Continue : InventoryPolicy.Deny;
            // "shopify" = tracked, null = not tracked, absent (newer versions) = as inventory_items/update last said.
            if (source.InventoryManagement.ValueKind == System.Text.Json.JsonValueKind.String) variant.InventoryTracked = true;
            else if (source.InventoryManagement.ValueKind == System.Text.Json.JsonValueKind.Null) variant.InventoryTracked = false;
            variant.InventoryQuantity = source.InventoryItemId is { } item && fromLevels.TryGetValue(item, out var sum)
                ? sum : source.InventoryQuantity ?? variant.InventoryQuantity;
        }
    }

    private void ApplyImages(Product product, List<ImagePayload> incoming)
    {
        foreach (var image in product.Images.ToList())
        {
            product.Images.Remove(image);
            db.ProductImages.Remove(image);
        }
        var position = 0;
        foreach (var image in incoming.Where(i => !string.IsNullOrEmpty(i.Src)).OrderBy(i => i.Position ?? int.MaxValue))
        {
            var added = new ProductImage { ProductId = product.Id, Src = image.Src!, AltText = image.Alt, Position = image.Position ?? ++position };
            product.Images.Add(added);
            db.ProductImages.Add(added);
        }
    }

    private async Task DeleteAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<DeletedPayload>();
        await versions.TombstoneAsync(ShopifyResourceType.Product, payload.Id, webhook.OccurredAt, cancellationToken);
        var product = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.ShopifyId == payload.Id, cancellationToken);
        if (product is not null)
        {
            var items = product.Variants.Where(v => v.InventoryItemId is not null).Select(v => v.InventoryItemId!.Value).ToList();
            db.InventoryLevels.RemoveRange(await db.InventoryLevels.Where(l => items.Contains(l.InventoryItemId)).ToListAsync(cancellationToken));
            db.Products.Remove(product);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (product is not null) catalog.ProductsRemoved(webhook.Shop.Id, [product.Id]);
    }

    private static ProductStatus? ParseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "active" => ProductStatus.Active,
        "draft" => ProductStatus.Draft,
        "archived" => ProductStatus.Archived,
        _ => null,
    };
}
