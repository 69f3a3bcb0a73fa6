using ConversationalCommerce.Engine.CustomIntents;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConversationalCommerce.App.Features.Admin;

/// <param name="Training">True while the shop's classifier is being retrained after an edit (the old model answers meanwhile).</param>
public sealed record AdminIntentsView(IReadOnlyList<AdminIntent> Intents, IReadOnlyList<string> BuiltIn, bool Training, AdminIntentLimits Limits);

public sealed record AdminIntent(string Name, IReadOnlyList<string> Examples, string? Reply);

public sealed record AdminIntentLimits(int MinExamples, int MaxExamples, int MaxExampleLength, int MaxReplyLength, int MaxIntents);

public sealed record AdminIntentRequest(IReadOnlyList<string>? Examples, string? Reply);

/// <summary>
/// The merchant's own intents from the admin page, behind the Shopify session (the headless API offers the same with
/// the shop's API key). Same service, same rules: each change retrains the shop's model in the background.
/// </summary>
internal static class AdminIntents
{
    public static async Task<Ok<AdminIntentsView>> ListAsync(HttpContext http, CustomIntentService intents, CancellationToken ct)
    {
        var shopId = http.GetAdminShop().ShopId;
        return TypedResults.Ok(await ViewAsync(shopId, intents, ct));
    }

    public static async Task<Results<Ok<AdminIntentsView>, ValidationProblem>> PutAsync(
        string name, AdminIntentRequest request, HttpContext http, CustomIntentService intents, ILogger<AdminIntentRequest> logger, CancellationToken ct)
    {
        var shopId = http.GetAdminShop().ShopId;
        if (await intents.SaveAsync(shopId, new CustomIntent(name, request.Examples ?? [], request.Reply), ct) is { } problem)
        {
            logger.LogInformation("Custom intent refused for shop {ShopId}: {Problem}", shopId, problem);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["intent"] = [problem] }, title: "Invalid intent");
        }
        return TypedResults.Ok(await ViewAsync(shopId, intents, ct));
    }

    public static async Task<Results<Ok<AdminIntentsView>, NotFound>> DeleteAsync(string name, HttpContext http, CustomIntentService intents, CancellationToken ct)
    {
        var shopId = http.GetAdminShop().ShopId;
        if (!await intents.DeleteAsync(shopId, name, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await ViewAsync(shopId, intents, ct));
    }

    private static async Task<AdminIntentsView> ViewAsync(Guid shopId, CustomIntentService intents, CancellationToken ct)
    {
        var list = (await intents.ListAsync(shopId, ct)).OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => new AdminIntent(i.Name, i.Examples, i.Reply)).ToList();
        return new AdminIntentsView(list, CommerceIntents.All, !intents.TrainingFor(shopId).IsCompleted,
            new AdminIntentLimits(CustomIntentService.MinExamples, CustomIntentService.MaxExamples, CustomIntentService.MaxExampleLength,
                CustomIntentService.MaxReplyLength, CustomIntentService.MaxIntentsPerShop));
    }
}
