using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Shopify.ProductCsv;

public static class ProductCsvRegistration
{
    public static IServiceCollection AddProductCsvImport(this IServiceCollection services) =>
        services.AddSingleton<ProductCsvImporter>();
}
