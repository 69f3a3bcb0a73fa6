using ConversationalCommerce.Domain.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.ToTable("Leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Holder).HasMaxLength(200).IsRequired();
    }
}
