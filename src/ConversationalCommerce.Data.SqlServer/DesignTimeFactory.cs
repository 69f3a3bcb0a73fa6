using ConversationalCommerce.Data.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConversationalCommerce.Data.SqlServer;

/// <summary>Used by dotnet-ef only, to create this provider's migrations; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DbContextOptionsConfigurator.Configure(builder, DatabaseProvider.SqlServer, "Server=localhost;Database=ConversationalCommerce;Trusted_Connection=True;TrustServerCertificate=True");
        return new AppDbContext(builder.Options, new ShopScope());
    }
}
