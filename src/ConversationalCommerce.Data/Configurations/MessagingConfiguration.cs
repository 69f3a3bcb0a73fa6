using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.ToTable("Inbox");
        b.HasKey(i => i.Id);
        b.Property(i => i.Source).HasMaxLength(32);
        b.Property(i => i.Topic).HasMaxLength(128);
        b.Property(i => i.DedupeKey).HasMaxLength(255);
        b.Property(i => i.ShopDomain).HasMaxLength(255);
        b.Property(i => i.Error).HasMaxLength(2000);
        b.HasIndex(i => new { i.Source, i.DedupeKey }).IsUnique();
        b.HasIndex(i => new { i.Status, i.ReceivedAt });
        // The sweep's two queries: due Pending rows and lapsed Processing leases.
        b.HasIndex(i => new { i.Status, i.NextAttemptAt });
        b.HasIndex(i => new { i.Status, i.LeaseExpiresAt });
        b.HasIndex(i => i.ShopId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasKey(o => o.Id);
        b.Property(o => o.Recipient).HasMaxLength(320);
        b.Property(o => o.Error).HasMaxLength(2000);
        b.HasIndex(o => new { o.Status, o.NextAttemptAt });
        b.HasIndex(o => new { o.ConversationId, o.CreatedAt });
        b.Property(o => o.ProviderMessageId).HasMaxLength(255);
        b.HasIndex(o => new { o.ShopId, o.Channel, o.ProviderMessageId });
        // One send per stored reply: writing the outbox again after a retried turn is a no-op.
        b.HasIndex(o => o.MessageId).IsUnique();
    }
}
