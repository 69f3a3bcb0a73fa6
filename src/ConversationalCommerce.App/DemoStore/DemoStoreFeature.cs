using ConversationalCommerce.App.Hosting;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>Registration of the demo store: options, seeder, start-up seeding and the image endpoint.</summary>
public static class DemoStoreFeature
{
    public static IHostApplicationBuilder AddDemoStore(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DemoStoreOptions>(builder.Configuration.GetSection(DemoStoreOptions.Section));
        builder.Services.AddSingleton<DemoStoreSeeder>();
        builder.Services.AddSingleton<IStartupStep, DemoStoreStartupStep>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDemoStore(this IEndpointRouteBuilder app) => app.MapDemoAssetsApi();
}
