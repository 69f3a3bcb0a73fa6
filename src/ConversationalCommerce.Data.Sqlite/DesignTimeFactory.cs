using ConversationalCommerce.Data.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConversationalCommerce.Data.Sqlite;

/// <summary>Used by dotnet-ef only, to create this provider's migrations; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DbContextOptionsConfigurator.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new AppDbContext(builder.Options, new ShopScope());
    }
}
