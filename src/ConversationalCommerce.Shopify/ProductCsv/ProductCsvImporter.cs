using System.Diagnostics;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.ProductCsv;

public sealed record ProductCsvImportResult(
    Guid ShopId, int Rows, int Created, int Updated, int Variants, IReadOnlyList<ProductCsvError> Errors, TimeSpan Elapsed);

/// <summary>
/// Imports a Shopify product CSV export into one shop in a single transaction: either every good row lands or, on a
/// failure, nothing does. Products are matched by handle, so importing the same file twice updates, never duplicates.
/// </summary>
public sealed class ProductCsvImporter(IServiceScopeFactory scopes, TimeProvider time, ILogger<ProductCsvImporter> log)
{
    public async Task<ProductCsvImportResult> ImportAsync(string shopDomain, TextReader csv, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var parsed = ProductCsvReader.Read(csv);
        var shopId = await EnsureShopAsync(shopDomain, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var handles = parsed.Products.Select(p => p.Handle).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Products.Where(p => handles.Contains(p.Handle)).ToDictionaryAsync(p => p.Handle, cancellationToken);

        // Replaced products keep their id (conversations point at it); their variants and images are rewritten.
        var replacedIds = existing.Values.Select(p => p.Id).ToList();
        if (replacedIds.Count > 0)
        {
            await db.Variants.Where(v => replacedIds.Contains(v.ProductId)).ExecuteDeleteAsync(cancellationToken);
            await db.ProductImages.Where(i => replacedIds.Contains(i.ProductId)).ExecuteDeleteAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var created = 0;
        foreach (var product in parsed.Products)
        {
            if (existing.TryGetValue(product.Handle, out var current))
            {
                CopyProductFields(product, current, now);
                db.Entry(current).State = EntityState.Modified;
                foreach (var v in product.Variants) { v.ProductId = current.Id; db.Variants.Add(v); }
                foreach (var i in product.Images) { i.ProductId = current.Id; db.ProductImages.Add(i); }
            }
            else
            {
                product.CreatedAt = now;
                product.UpdatedAt = now;
                db.Products.Add(product);
                created++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        scope.ServiceProvider.GetService<ICatalogChangeNotifier>()?.ShopChanged(shopId);
        var result = new ProductCsvImportResult(shopId, parsed.Rows, created, parsed.Products.Count - created,
            parsed.Products.Sum(p => p.Variants.Count), parsed.Errors, Stopwatch.GetElapsedTime(started));
        log.LogInformation("Imported {Products} products ({Created} new, {Updated} updated, {Variants} variants) into {Shop} in {Ms} ms; {Errors} rows skipped",
            parsed.Products.Count, result.Created, result.Updated, result.Variants, shopDomain, (int)result.Elapsed.TotalMilliseconds, parsed.Errors.Count);
        return result;
    }

    private static void CopyProductFields(Product from, Product to, DateTimeOffset now)
    {
        to.Title = from.Title;
        to.BodyHtml = from.BodyHtml;
        to.Vendor = from.Vendor;
        to.ProductType = from.ProductType;
        to.Tags = from.Tags;
        to.Published = from.Published;
        to.Status = from.Status;
        to.Option1Name = from.Option1Name;
        to.Option2Name = from.Option2Name;
        to.Option3Name = from.Option3Name;
        to.UpdatedAt = now;
    }

    /// <summary>The shop by its myshopify domain; a local shop row is created for a domain not installed yet.</summary>
    private async Task<Guid> EnsureShopAsync(string domain, CancellationToken cancellationToken)
    {
        if (!ShopDomain.TryNormalize(domain, out var normalized))
            throw new ArgumentException($"'{domain}' is not a shop domain (expected name.myshopify.com).", nameof(domain));
        domain = normalized;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Domain == domain, cancellationToken);
        if (shop is not null) return shop.Id;
        shop = new Shop { Domain = domain, Name = domain.Split('.')[0], InstalledAt = time.GetUtcNow() };
        db.Shops.Add(shop);
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Created local shop {Shop} for the import", domain);
        return shop.Id;
    }
}
