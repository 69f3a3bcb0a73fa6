using System.Diagnostics;
using System.Text.Json;
using ConversationalCommerce.Shopify.Admin;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Admin;

public sealed class AdminClientTests
{
    private const string Shop = "tea-house.myshopify.com";
    private const string ShopQuery = "query shopName { shop { name } }";
    private static readonly string ShopData = """{"shop":{"name":"Tea House"}}""";

    private static IRequestBuilder GraphQL(string operationName) =>
        Request.Create().WithPath(ShopifyTestApp.GraphQLPath).UsingPost()
            .WithBody(b => b != null && b.Contains($"\"operationName\":\"{operationName}\""));

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private static int Calls(ShopifyTestApp app) => app.Shopify.LogEntries.Count(e => e.RequestMessage.Path == ShopifyTestApp.GraphQLPath);

    [Fact]
    public async Task Query_is_sent_to_the_versioned_endpoint_with_the_access_token()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_header_check");
        app.Shopify.Given(GraphQL("shopName")).RespondWith(Json(ShopifyPayloads.Data(ShopData)));

        var data = await app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

        Assert.Equal("Tea House", data.GetProperty("shop").GetProperty("name").GetString());
        var request = Assert.Single(app.Shopify.LogEntries).RequestMessage;
        Assert.Equal("shpat_header_check", request.Headers!["X-Shopify-Access-Token"].Single());
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(ShopQuery, body.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Client_waits_for_the_bucket_to_restore_when_too_few_points_are_left()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ShopifyTestApp(time);
        var shopId = await app.InstallShopAsync(Shop);
        // Each call costs 120 points; Shopify reports only 20 left, restoring 100 per second.
        app.Shopify.Given(GraphQL("shopName")).RespondWith(Json(ShopifyPayloads.Data(ShopData,
            ShopifyPayloads.Cost(requested: 120, actual: 120, available: 20, restoreRate: 100))));
        var client = app.Services.GetRequiredService<ShopifyAdminClient>();
        await client.ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

        var second = client.ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);
        await Task.Delay(500);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, Calls(app)); // held back, not sent to be throttled

        time.Advance(TimeSpan.FromSeconds(1)); // (120 - 20) / 100 = 1 s
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Calls(app));
    }

    [Fact]
    public async Task Throttled_answer_inside_http_200_is_retried_after_the_restore()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("shopName")).InScenario("throttle").WillSetStateTo("restored")
            .RespondWith(Json(ShopifyPayloads.Throttled(requested: 120, available: 20, restoreRate: 100)));
        app.Shopify.Given(GraphQL("shopName")).InScenario("throttle").WhenStateIs("restored")
            .RespondWith(Json(ShopifyPayloads.Data(ShopData)));
        var watch = Stopwatch.StartNew();

        var data = await app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

        Assert.Equal("Tea House", data.GetProperty("shop").GetProperty("name").GetString());
        Assert.Equal(2, Calls(app));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before the bucket restored");
    }

    [Fact]
    public async Task Http_429_is_retried_after_Retry_After()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("shopName")).InScenario("429").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."));
        app.Shopify.Given(GraphQL("shopName")).InScenario("429").WhenStateIs("ok").RespondWith(Json(ShopifyPayloads.Data(ShopData)));
        var watch = Stopwatch.StartNew();

        await app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

        Assert.Equal(2, Calls(app));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task Server_errors_are_retried_then_succeed()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("shopName")).InScenario("5xx").WillSetStateTo("second").RespondWith(Json("""{"errors":"Internal Server Error"}""", 500));
        app.Shopify.Given(GraphQL("shopName")).InScenario("5xx").WhenStateIs("second").WillSetStateTo("third").RespondWith(Json("{}", 503));
        app.Shopify.Given(GraphQL("shopName")).InScenario("5xx").WhenStateIs("third").RespondWith(Json(ShopifyPayloads.Data(ShopData)));

        var data = await app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

        Assert.Equal("Tea House", data.GetProperty("shop").GetProperty("name").GetString());
        Assert.Equal(3, Calls(app));
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        using var app = new ShopifyTestApp().WithSetting("Shopify:Admin:MaxAttempts", "3") as ShopifyTestApp;
        var shopId = await app!.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("shopName")).RespondWith(Json("{}", 502));

        var ex = await Assert.ThrowsAsync<ShopifyUnavailableException>(() =>
            app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None));

        Assert.Equal("shopName", ex.OperationName);
        Assert.Equal(3, Calls(app));
    }

    [Fact]
    public async Task User_errors_become_a_typed_exception_naming_the_operation()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("bulkOperationRunQuery")).RespondWith(Json(ShopifyPayloads.Data(
            """{"bulkOperationRunQuery":{"bulkOperation":null,"userErrors":[{"field":["query"],"message":"A bulk query operation for this app and shop is already in progress: gid://shopify/BulkOperation/720918.","code":"OPERATION_IN_PROGRESS"}]}}""")));

        var ex = await Assert.ThrowsAsync<ShopifyUserErrorsException>(() => app.Services.GetRequiredService<ShopifyAdminClient>()
            .MutateAsync(shopId, "bulkOperationRunQuery", "mutation bulkOperationRunQuery($query: String!) { x }", new { query = "{ shop { id } }" }, "bulkOperationRunQuery", CancellationToken.None));

        Assert.Equal("bulkOperationRunQuery", ex.OperationName);
        var error = Assert.Single(ex.UserErrors);
        Assert.Equal("OPERATION_IN_PROGRESS", error.Code);
        Assert.Equal(["query"], error.Field);
        Assert.Equal(1, Calls(app)); // refused input is not retried
    }

    [Fact]
    public async Task GraphQL_errors_become_a_typed_exception_naming_the_operation()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("shopName")).RespondWith(Json(
            """{"errors":[{"message":"Field 'nam' doesn't exist on type 'Shop'","locations":[{"line":1,"column":24}],"path":["query shopName","shop","nam"],"extensions":{"code":"undefinedField","typeName":"Shop","fieldName":"nam"}}]}"""));

        var ex = await Assert.ThrowsAsync<ShopifyGraphQLException>(() => app.Services.GetRequiredService<ShopifyAdminClient>()
            .ExecuteAsync(shopId, "shopName", "query shopName { shop { nam } }", null, CancellationToken.None));

        Assert.Equal("shopName", ex.OperationName);
        Assert.Equal("undefinedField", Assert.Single(ex.Errors).Code);
        Assert.Equal(1, Calls(app));
    }

    [Fact]
    public async Task Pagination_follows_end_cursors_until_the_last_page()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(GraphQL("productIds").WithBody(b => b != null && b.Contains("\"after\":null")))
            .RespondWith(Json(ShopifyPayloads.Data("""{"products":{"nodes":[{"id":"gid://shopify/Product/1"},{"id":"gid://shopify/Product/2"}],"pageInfo":{"hasNextPage":true,"endCursor":"eyJsYXN0X2lkIjoyfQ=="}}}""")));
        app.Shopify.Given(GraphQL("productIds").WithBody(b => b != null && b.Contains("\"after\":\"eyJsYXN0X2lkIjoyfQ==\"")))
            .RespondWith(Json(ShopifyPayloads.Data("""{"products":{"nodes":[{"id":"gid://shopify/Product/3"}],"pageInfo":{"hasNextPage":false,"endCursor":"eyJsYXN0X2lkIjozfQ=="}}}""")));
        var client = app.Services.GetRequiredService<ShopifyAdminClient>();

        var ids = new List<string>();
        await foreach (var node in client.PaginateAsync(shopId, "productIds", "query productIds($after: String) { products(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                           new Dictionary<string, object?>(), ["products"], CancellationToken.None))
            ids.Add(node.GetProperty("id").GetString()!);

        Assert.Equal(["gid://shopify/Product/1", "gid://shopify/Product/2", "gid://shopify/Product/3"], ids);
        Assert.Equal(2, Calls(app));
    }
}
