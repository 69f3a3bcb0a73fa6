using System.Linq.Expressions;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Email;
using ConversationalCommerce.Domain.Intents;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Domain.Sync;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ShopScope scope)
    : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Read by the query filters at query time, so one compiled model serves every shop.</summary>
    public Guid CurrentShopId => scope.ShopId;

    public ShopScope Scope => scope;

    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductVariant> Variants => Set<ProductVariant>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<ProductCollection> ProductCollections => Set<ProductCollection>();
    public DbSet<InventoryLevel> InventoryLevels => Set<InventoryLevel>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ChannelIdentity> ChannelIdentities => Set<ChannelIdentity>();
    public DbSet<ContinuityCode> ContinuityCodes => Set<ContinuityCode>();
    public DbSet<IdentityLinkRecord> IdentityLinkRecords => Set<IdentityLinkRecord>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ShopIntent> ShopIntents => Set<ShopIntent>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<EmailChannelSettings> EmailSettings => Set<EmailChannelSettings>();
    public DbSet<EmailThread> EmailThreads => Set<EmailThread>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Domain.Coordination.Lease> Leases => Set<Domain.Coordination.Lease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(IShopOwned).IsAssignableFrom(entity.ClrType) || entity.IsOwned()) continue;
            var method = typeof(AppDbContext).GetMethod(nameof(ApplyShopFilter),
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            method.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }

        if (!Database.IsSqlite())
        {
            // PostgreSQL's timestamptz accepts only UTC offsets; store every instant as UTC on every server provider.
            foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
                    property.SetValueConverter(new DateTimeOffsetToUtcConverter());
        }
        else
        {
            // SQLite cannot order or compare DateTimeOffset; store UTC ticks instead.
            foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset))
                    property.SetValueConverter(new DateTimeOffsetToUtcTicksConverter());
                else if (property.ClrType == typeof(DateTimeOffset?))
                    property.SetValueConverter(new DateTimeOffsetToUtcTicksConverter());
                else if (property.ClrType == typeof(decimal) || property.ClrType == typeof(decimal?))
                    property.SetValueConverter(typeof(Microsoft.EntityFrameworkCore.Storage.ValueConversion.CastingConverter<decimal, double>));
            }
        }
    }

    private void ApplyShopFilter<T>(ModelBuilder modelBuilder) where T : class, IShopOwned
    {
        Expression<Func<T, bool>> filter = e => e.ShopId == CurrentShopId;
        modelBuilder.Entity<T>().HasQueryFilter(filter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampShop();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampShop();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows take the scope's shop; a row of another shop is never written from this scope.</summary>
    private void StampShop()
    {
        foreach (var entry in ChangeTracker.Entries<IShopOwned>())
        {
            if (entry.State == EntityState.Unchanged || entry.State == EntityState.Detached) continue;
            if (entry.Entity.ShopId == Guid.Empty && scope.IsSet) entry.Entity.ShopId = scope.ShopId;
            if (entry.Entity.ShopId == Guid.Empty)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} has no shop and no shop scope is set.");
            if (scope.IsSet && entry.Entity.ShopId != scope.ShopId)
                throw new CrossShopWriteException(entry.Metadata.ClrType.Name, entry.Entity.ShopId, scope.ShopId);
        }
    }
}
