using ConversationalCommerce.Data.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConversationalCommerce.Data.PostgreSql;

/// <summary>Used by dotnet-ef only, to create this provider's migrations; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DbContextOptionsConfigurator.Configure(builder, DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=conversational_commerce;Username=postgres");
        return new AppDbContext(builder.Options, new ShopScope());
    }
}
