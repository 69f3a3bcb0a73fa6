using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.ShopId, c.CustomerId });
        b.HasIndex(c => new { c.ShopId, c.LastMessageAt });
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        b.Property(m => m.ExternalId).HasMaxLength(255);
        // A retried client send or a redelivered provider message lands once.
        b.HasIndex(m => new { m.ShopId, m.Channel, m.ExternalId }).IsUnique();
        b.Property(m => m.DeliveryError).HasMaxLength(1000);
    }
}
