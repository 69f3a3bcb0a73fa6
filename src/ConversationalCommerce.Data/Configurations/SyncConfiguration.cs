using ConversationalCommerce.Domain.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ShopifyTombstoneConfiguration : IEntityTypeConfiguration<ShopifyTombstone>
{
    public void Configure(EntityTypeBuilder<ShopifyTombstone> b)
    {
        b.ToTable("ShopifyTombstones");
        b.HasKey(t => t.Id);
        b.Property(t => t.ResourceType).HasMaxLength(32);
        b.HasIndex(t => new { t.ShopId, t.ResourceType, t.ShopifyId }).IsUnique();
    }
}

internal sealed class ShopifyResourceVersionConfiguration : IEntityTypeConfiguration<ShopifyResourceVersion>
{
    public void Configure(EntityTypeBuilder<ShopifyResourceVersion> b)
    {
        b.ToTable("ShopifyResourceVersions");
        b.HasKey(v => v.Id);
        b.Property(v => v.ResourceType).HasMaxLength(32);
        b.HasIndex(v => new { v.ShopId, v.ResourceType, v.ShopifyId }).IsUnique();
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> b)
    {
        b.ToTable("SyncRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.BulkOperationId).HasMaxLength(128);
        b.Property(r => r.BulkOperationStatus).HasMaxLength(32);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => new { r.ShopId, r.CreatedAt });
        b.HasIndex(r => new { r.ShopId, r.BulkOperationId });
        b.HasIndex(r => r.Status);
        b.Ignore(r => r.IsFinished);
    }
}
