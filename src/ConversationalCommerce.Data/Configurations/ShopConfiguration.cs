using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConversationalCommerce.Data.Configurations;

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Domain).HasMaxLength(255).IsRequired();
        b.HasIndex(s => s.Domain).IsUnique();
        b.Property(s => s.Name).HasMaxLength(255);
        b.Property(s => s.Currency).HasMaxLength(3);
        b.Property(s => s.Locale).HasMaxLength(16);
        b.Property(s => s.WidgetKey).HasMaxLength(64);
        b.HasIndex(s => s.WidgetKey).IsUnique();
        b.Property(s => s.GrantedScopes).HasMaxLength(1000);
        b.OwnsOne(s => s.Settings, o =>
        {
            o.Property(p => p.AssistantName).HasMaxLength(100);
            o.Property(p => p.Greeting).HasMaxLength(500);
            o.Property(p => p.AccentColor).HasMaxLength(16);
            o.Property(p => p.WhatsAppPhoneNumberId).HasMaxLength(64);
            o.HasIndex(p => p.WhatsAppPhoneNumberId);
            o.Property(p => p.WhatsAppNumber).HasMaxLength(32);
        });
        b.Ignore(s => s.IsDemo);
    }
}
