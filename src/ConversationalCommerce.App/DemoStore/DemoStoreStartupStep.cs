using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>On a fresh install (no shop rows at all), seed the demo store so the assistant has something to show.</summary>
internal sealed class DemoStoreStartupStep(IOptions<DemoStoreOptions> options, IServiceScopeFactory scopes, DemoStoreSeeder seeder,
    ILogger<DemoStoreStartupStep> log) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedOnStartup) return;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Shops.AnyAsync(cancellationToken))
            {
                log.LogDebug("A shop exists; the demo store is not seeded");
                return;
            }
        }
        await seeder.SeedAsync(reset: false, cancellationToken);
    }
}
