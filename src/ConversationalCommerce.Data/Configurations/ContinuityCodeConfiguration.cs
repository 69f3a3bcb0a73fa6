using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ContinuityCodeConfiguration : IEntityTypeConfiguration<ContinuityCode>
{
    public void Configure(EntityTypeBuilder<ContinuityCode> b)
    {
        b.ToTable("ContinuityCodes");
        b.HasKey(c => c.Id);
        b.Property(c => c.CodeHash).HasMaxLength(64).IsRequired();
        // Redemption looks a code up by its hash within the shop; a collision of live codes must not be possible.
        b.HasIndex(c => new { c.ShopId, c.CodeHash }).IsUnique();
        b.HasIndex(c => c.ExpiresAt);
        b.HasOne<Conversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}
