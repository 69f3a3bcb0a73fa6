using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Shopify.Webhooks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tomlyn;
using Tomlyn.Model;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

/// <summary>shopify.app.toml against the running app: what Shopify will send is what we handle, where we serve it.</summary>
public sealed class AppConfigurationTests
{
    private static TomlTable ReadConfig()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "shopify.app.toml"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(dir.FullName, "shopify.app.toml")))!;
    }

    private static IEnumerable<TomlTable> Subscriptions(TomlTable config) =>
        ((TomlTableArray)((TomlTable)config["webhooks"])["subscriptions"]).OfType<TomlTable>();

    private static IEnumerable<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? ((TomlArray)value).Select(v => (string)v!) : [];

    [Fact]
    public void Config_has_the_app_basics_scopes_proxy_and_extensions()
    {
        var config = ReadConfig();

        Assert.False(string.IsNullOrWhiteSpace((string)config["client_id"]));
        Assert.Equal("conversational-commerce", (string)config["handle"]);
        Assert.True((bool)config["embedded"]);
        Assert.StartsWith("https://", (string)config["application_url"]);
        var scopes = ((string)((TomlTable)config["access_scopes"])["scopes"]).Split(',');
        Assert.Superset(new HashSet<string> { "read_products", "read_inventory", "read_customers", "read_orders", "read_customer_merge" }, scopes.ToHashSet());
        Assert.NotEmpty(Strings((TomlTable)config["auth"], "redirect_urls"));
        Assert.Equal("2025-10", (string)((TomlTable)config["webhooks"])["api_version"]);
        var proxy = (TomlTable)config["app_proxy"];
        Assert.Equal(("chat", "apps"), ((string)proxy["subpath"], (string)proxy["prefix"]));
        Assert.StartsWith((string)config["application_url"], (string)proxy["url"]);
        Assert.Equal(["widget/extensions/*"], Strings(config, "extension_directories"));
    }

    [Fact]
    public void Every_handled_topic_is_subscribed_and_every_subscription_is_handled_at_a_served_uri()
    {
        var config = ReadConfig();
        using var app = new WebhookApp();
        using var scope = app.App.Services.CreateScope();
        var handled = scope.ServiceProvider.GetServices<IShopifyTopicHandler>().SelectMany(h => h.Topics).ToHashSet();
        var subscriptions = Subscriptions(config).ToList();

        var topics = subscriptions.SelectMany(s => Strings(s, "topics")).ToList();
        var compliance = subscriptions.SelectMany(s => Strings(s, "compliance_topics")).ToList();

        Assert.Equal(topics.Count, topics.Distinct().Count());
        Assert.Equal(ShopifyTopics.Compliance.Order(), compliance.Order());
        Assert.Equal(handled.Order(), topics.Concat(compliance).Order());

        var served = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();
        Assert.All(subscriptions, s => Assert.Contains((string)s["uri"], served));
    }
}
