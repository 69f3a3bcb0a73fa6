using ConversationalCommerce.Domain.Intents;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ShopIntentConfiguration : IEntityTypeConfiguration<ShopIntent>
{
    public void Configure(EntityTypeBuilder<ShopIntent> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Name).HasMaxLength(40);
        b.HasIndex(i => new { i.ShopId, i.Name }).IsUnique();
        b.Property(i => i.Reply).HasMaxLength(1000);
        b.HasOne<Shop>().WithMany().HasForeignKey(i => i.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
