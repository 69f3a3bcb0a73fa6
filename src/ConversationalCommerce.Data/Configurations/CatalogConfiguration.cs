using ConversationalCommerce.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.ShopId, p.ShopifyId }).IsUnique();
        b.HasIndex(p => new { p.ShopId, p.Handle });
        b.HasIndex(p => new { p.ShopId, p.UpdatedAt });
        b.Property(p => p.Handle).HasMaxLength(255);
        b.Property(p => p.Title).HasMaxLength(500);
        b.Property(p => p.Vendor).HasMaxLength(255);
        b.Property(p => p.ProductType).HasMaxLength(255);
        b.Property(p => p.Tags).HasMaxLength(4000);
        b.Property(p => p.Option1Name).HasMaxLength(255);
        b.Property(p => p.Option2Name).HasMaxLength(255);
        b.Property(p => p.Option3Name).HasMaxLength(255);
        b.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Collections).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.TagList);
        b.Ignore(p => p.IsPurchasable);
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> b)
    {
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.ShopId, v.ShopifyId }).IsUnique();
        b.HasIndex(v => new { v.ShopId, v.InventoryItemId });
        b.Property(v => v.Title).HasMaxLength(500);
        b.Property(v => v.Sku).HasMaxLength(255);
        b.Property(v => v.Option1).HasMaxLength(255);
        b.Property(v => v.Option2).HasMaxLength(255);
        b.Property(v => v.Option3).HasMaxLength(255);
        b.Property(v => v.Price).HasPrecision(18, 2);
        b.Property(v => v.CompareAtPrice).HasPrecision(18, 2);
        b.Ignore(v => v.IsAvailable);
        b.Ignore(v => v.IsOnSale);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Src).HasMaxLength(2000);
        b.Property(i => i.AltText).HasMaxLength(500);
    }
}

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.ShopId, c.ShopifyId }).IsUnique();
        b.Property(c => c.Handle).HasMaxLength(255);
        b.Property(c => c.Title).HasMaxLength(255);
        b.HasMany(c => c.Products).WithOne(pc => pc.Collection).HasForeignKey(pc => pc.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductCollectionConfiguration : IEntityTypeConfiguration<ProductCollection>
{
    public void Configure(EntityTypeBuilder<ProductCollection> b) => b.HasKey(pc => new { pc.ProductId, pc.CollectionId });
}

internal sealed class InventoryLevelConfiguration : IEntityTypeConfiguration<InventoryLevel>
{
    public void Configure(EntityTypeBuilder<InventoryLevel> b)
    {
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.ShopId, l.InventoryItemId, l.LocationId }).IsUnique();
    }
}
