using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Email;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class EmailChannelSettingsConfiguration : IEntityTypeConfiguration<EmailChannelSettings>
{
    public void Configure(EntityTypeBuilder<EmailChannelSettings> b)
    {
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.ShopId).IsUnique();
        b.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailThreadConfiguration : IEntityTypeConfiguration<EmailThread>
{
    public void Configure(EntityTypeBuilder<EmailThread> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.ReplyToken).HasMaxLength(64);
        b.Property(t => t.UnsubscribeToken).HasMaxLength(64);
        b.Property(t => t.CustomerAddress).HasMaxLength(320);
        b.Property(t => t.Subject).HasMaxLength(500);
        // Tokens are looked up before the shop is known (unsubscribe links), so they are unique across shops.
        b.HasIndex(t => t.ReplyToken).IsUnique();
        b.HasIndex(t => t.UnsubscribeToken).IsUnique();
        b.HasIndex(t => t.ConversationId).IsUnique();
        b.HasOne<Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
