using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.ShopId, c.ShopifyId });
        b.HasIndex(c => new { c.ShopId, c.Email });
        b.HasIndex(c => new { c.ShopId, c.Phone });
        b.Property(c => c.FirstName).HasMaxLength(255);
        b.Property(c => c.LastName).HasMaxLength(255);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Phone).HasMaxLength(32);
        b.Property(c => c.Tags).HasMaxLength(4000);
        b.Property(c => c.Locale).HasMaxLength(16);
        b.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.DisplayName);
    }
}

internal sealed class ChannelIdentityConfiguration : IEntityTypeConfiguration<ChannelIdentity>
{
    public void Configure(EntityTypeBuilder<ChannelIdentity> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Value).HasMaxLength(320);
        b.Property(i => i.Evidence).HasMaxLength(100);
        b.Property(i => i.OptInSource).HasMaxLength(100);
        b.Property(i => i.OptOutSource).HasMaxLength(100);
        // One owner per address and shop: the basis of "one customer across channels".
        b.HasIndex(i => new { i.ShopId, i.Kind, i.Value }).IsUnique();
    }
}

internal sealed class IdentityLinkRecordConfiguration : IEntityTypeConfiguration<IdentityLinkRecord>
{
    public void Configure(EntityTypeBuilder<IdentityLinkRecord> b)
    {
        b.ToTable("IdentityLinkRecords");
        b.HasKey(r => r.Id);
        b.Property(r => r.Evidence).HasMaxLength(100);
        b.Property(r => r.Value).HasMaxLength(320);
        b.Property(r => r.Detail).HasMaxLength(1000);
        b.HasIndex(r => new { r.ShopId, r.CustomerId });
        b.HasIndex(r => new { r.ShopId, r.Outcome, r.RecordedAt });
    }
}
