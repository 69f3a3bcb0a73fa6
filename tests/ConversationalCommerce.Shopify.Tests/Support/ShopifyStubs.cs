using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>WireMock stubs for the Admin GraphQL endpoint and bulk operations.</summary>
public static class ShopifyStubs
{
    public static IRequestBuilder AdminGraphQL(string operationName) =>
        Request.Create().WithPath(ShopifyTestApp.GraphQLPath).UsingPost()
            .WithBody(b => b != null && b.Contains($"\"operationName\":\"{operationName}\""));

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    /// <summary>
    /// One sync stage: <c>bulkOperationRunQuery</c> for the query containing <paramref name="queryMarker"/> answers
    /// <paramref name="operationId"/>; polling it answers RUNNING <paramref name="runningPolls"/> times, then
    /// COMPLETED with the URL of <paramref name="file"/>, which is served as the JSONL download.
    /// </summary>
    public static void BulkStage(ShopifyTestApp app, string queryMarker, string operationId, string file, long objectCount, int runningPolls = 0)
    {
        var download = "/bulk/" + Path.GetFileName(file);
        var url = app.Shopify.Url + download;
        app.Shopify.Given(AdminGraphQL("bulkOperationRunQuery").WithBody(b => b != null && b.Contains(queryMarker)))
            .RespondWith(Json(ShopifyPayloads.BulkRunStarted(operationId)));

        var status = AdminGraphQL("bulkOperationStatus").WithBody(b => b != null && b.Contains($"\"id\":\"{operationId}\""));
        var scenario = "bulk-" + operationId;
        string? state = null;
        for (var i = 0; i < runningPolls; i++)
        {
            var next = $"poll-{i + 1}";
            var mapping = app.Shopify.Given(status).InScenario(scenario);
            if (state is not null) mapping = mapping.WhenStateIs(state);
            mapping.WillSetStateTo(next).RespondWith(Json(ShopifyPayloads.BulkNode(operationId, "RUNNING", objectCount / 2, null)));
            state = next;
        }
        var done = app.Shopify.Given(status);
        if (state is not null) done = done.InScenario(scenario).WhenStateIs(state);
        done.RespondWith(Json(ShopifyPayloads.BulkNode(operationId, "COMPLETED", objectCount, url)));

        app.Shopify.Given(Request.Create().WithPath(download).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/jsonl").WithBodyFromFile(file, cache: false));
    }
}
