using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Channels.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Customer profiles, identity linking with its merge rules, per-address consent.</summary>
    public static IServiceCollection AddCustomerIdentities(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<CustomerThreads>();
        services.TryAddScoped<CustomerIdentities>();
        services.TryAddScoped<ChannelConsent>();
        return services;
    }
}
