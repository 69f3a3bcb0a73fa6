using ConversationalCommerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasKey(o => o.Id);
        b.HasIndex(o => new { o.ShopId, o.ShopifyId }).IsUnique();
        b.HasIndex(o => new { o.ShopId, o.CustomerId });
        b.Property(o => o.Name).HasMaxLength(64);
        b.Property(o => o.Email).HasMaxLength(320);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.FinancialStatus).HasMaxLength(64);
        b.Property(o => o.FulfillmentStatus).HasMaxLength(64);
        b.Property(o => o.TrackingUrl).HasMaxLength(2000);
        b.Property(o => o.TotalPrice).HasPrecision(18, 2);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Title).HasMaxLength(500);
        b.Property(l => l.VariantTitle).HasMaxLength(500);
        b.Property(l => l.Price).HasPrecision(18, 2);
        b.HasIndex(l => new { l.ShopId, l.ProductShopifyId });
    }
}
