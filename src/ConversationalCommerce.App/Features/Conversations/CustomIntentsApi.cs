using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.CustomIntents;
using ConversationalCommerce.Engine.Intents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Conversations;

/// <summary>
/// Merchants' custom intents: list, add (or replace) and delete, per shop, with the shop's API key. Each change
/// retrains the shop's classifier in the background; the new model answers once trained.
/// </summary>
public static class CustomIntentsApi
{
    public static IEndpointRouteBuilder MapCustomIntentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/shops/{shop}/intents").WithTags("Custom intents");
        api.MapGet("/", List).WithName("ListCustomIntents").WithSummary("The shop's custom intents.");
        api.MapPut("/{name}", Put).WithName("PutCustomIntent").WithSummary("Add or replace a custom intent; retrains in the background.");
        api.MapDelete("/{name}", Delete).WithName("DeleteCustomIntent").WithSummary("Delete a custom intent; retrains in the background.");
        return app;
    }

    public sealed record IntentBody(IReadOnlyList<string>? Examples, string? Reply);

    public sealed record IntentResponse(string Name, IReadOnlyList<string> Examples, string? Reply);

    internal static async Task<Results<Ok<IReadOnlyList<IntentResponse>>, UnauthorizedHttpResult, NotFound>> List(
        string shop, HttpContext http, AppDbContext db, CustomIntentService intents, IOptions<HeadlessApiOptions> keys, CancellationToken ct)
    {
        if (!HeadlessAuth.Authorized(shop, http, keys.Value)) return TypedResults.Unauthorized();
        if (await HeadlessAuth.FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound();
        IReadOnlyList<IntentResponse> list = (await intents.ListAsync(shopRow.Id, ct)).Select(i => new IntentResponse(i.Name, i.Examples, i.Reply)).ToList();
        return TypedResults.Ok(list);
    }

    internal static async Task<Results<Accepted<IntentResponse>, BadRequest<ProblemDetails>, UnauthorizedHttpResult, NotFound>> Put(
        string shop, string name, IntentBody body, HttpContext http, AppDbContext db, CustomIntentService intents,
        IOptions<HeadlessApiOptions> keys, ILogger<IntentBody> logger, CancellationToken ct)
    {
        if (!HeadlessAuth.Authorized(shop, http, keys.Value)) return TypedResults.Unauthorized();
        if (await HeadlessAuth.FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound();
        var intent = new CustomIntent(name, body.Examples ?? [], body.Reply);
        if (await intents.SaveAsync(shopRow.Id, intent, ct) is { } problem)
        {
            logger.LogInformation("Custom intent refused for shop {ShopId}: {Problem}", shopRow.Id, problem);
            return TypedResults.BadRequest(new ProblemDetails { Title = "Invalid intent", Detail = problem });
        }
        return TypedResults.Accepted($"/api/shops/{shop}/intents", new IntentResponse(name, intent.Examples, intent.Reply));
    }

    internal static async Task<Results<NoContent, UnauthorizedHttpResult, NotFound>> Delete(
        string shop, string name, HttpContext http, AppDbContext db, CustomIntentService intents, IOptions<HeadlessApiOptions> keys, CancellationToken ct)
    {
        if (!HeadlessAuth.Authorized(shop, http, keys.Value)) return TypedResults.Unauthorized();
        if (await HeadlessAuth.FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound();
        return await intents.DeleteAsync(shopRow.Id, name, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
