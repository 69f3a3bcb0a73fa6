using ConversationalCommerce.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> b)
    {
        b.ToTable("DataExports");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.ShopId, e.RequestedAt });
        b.HasIndex(e => new { e.ShopId, e.ShopifyRequestId });
    }
}
