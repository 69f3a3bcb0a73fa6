using System.ClientModel;
using System.Diagnostics;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The LLM mode: decorates the offline turn engine. The offline engine answers first (it is fast and owns the
/// conversation state); then the model writes the reply, calling the shop's services as tools. Product cards come
/// only from what those tools returned this turn. A slow or failing provider leaves the offline reply in place.
/// </summary>
public sealed class LlmTurnEngine(
    [FromKeyedServices(LlmModeRegistration.OfflineEngineKey)] ITurnEngine offline,
    LlmChatService chat,
    ToolServices tools,
    IShopProfileSource shops,
    IOptions<AiOptions> options,
    TimeProvider time,
    ILogger<LlmTurnEngine> logger) : ITurnEngine, IUsesHistory
{
    /// <summary>The model sees the latest messages of the thread (the offline engine it wraps needs none).</summary>
    public int HistoryMessages => LlmPrompt.HistoryMessages;

    /// <summary>Actions the offline engine decides alone (opt-out must be honoured, hand-off goes to a person).</summary>
    private static readonly HashSet<string> ControlActions = [ReplyActions.Handoff, ReplyActions.OptOut];

    public async Task<TurnOutcome> RespondAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fallback = await offline.RespondAsync(context, cancellationToken);
        if (fallback.Reply.Actions.Any(a => ControlActions.Contains(a.Kind))) return fallback;

        var settings = options.Value;
        var started = time.GetTimestamp();
        using var budget = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var ledger = new TurnToolLedger();
        try
        {
            var reply = await AskModelAsync(context, fallback, ledger, settings, linked.Token);
            logger.LogInformation("LLM turn answered in {ElapsedMs} ms with tools [{Tools}] and {Cards} product cards",
                (long)time.GetElapsedTime(started).TotalMilliseconds, string.Join(", ", ledger.Calls), reply.Products.Count);
            return new TurnOutcome(reply, LlmState.AfterReply(context.StateJson, fallback.StateJson, reply));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = Classify(ex, budget.IsCancellationRequested);
            // Reason, status and type only: exception messages can carry provider response bodies.
            logger.LogWarning("LLM turn fell back to the offline reply: {Reason} after {ElapsedMs} ms (provider {Provider}, status {Status}, {ErrorType}, tools [{Tools}])",
                reason, (long)time.GetElapsedTime(started).TotalMilliseconds, settings.Provider, StatusOf(ex), ex.GetType().Name,
                string.Join(", ", ledger.Calls));
            logger.LogDebug(ex, "LLM failure detail");
            return fallback;
        }
    }

    private async Task<Reply> AskModelAsync(TurnContext context, TurnOutcome fallback, TurnToolLedger ledger, AiOptions settings, CancellationToken cancellationToken)
    {
        await tools.Catalog.EnsureLoadedAsync(context.ShopId, cancellationToken);
        var shop = await shops.GetAsync(context.ShopId, cancellationToken) ?? ShopProfile.Default(context.ShopId);

        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new ShoppingTools(shop, context.CustomerId, tools, ledger), ShoppingTools.PluginName);
        var rounds = new ToolRoundLimit(settings.MaxToolRounds);
        kernel.AutoFunctionInvocationFilters.Add(rounds);

        var history = LlmPrompt.Build(context, shop, LlmState.ShownLast(context.StateJson, tools.Catalog, context.ShopId));
        var execution = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var answer = await chat.Service.GetChatMessageContentAsync(history, execution, kernel, cancellationToken);

        if (rounds.Exhausted) throw new LlmFallbackException(LlmFallbackReason.ToolLoop);
        var text = (answer.Content ?? "").Trim();
        if (text.Length == 0 || answer.Role != AuthorRole.Assistant) throw new LlmFallbackException(LlmFallbackReason.EmptyAnswer);

        return new Reply
        {
            Text = text,
            Products = ToolProductCards.Choose(ledger, text, shop.Currency, settings.MaxProductCards),
            Intent = fallback.Reply.Intent,
            Confidence = fallback.Reply.Confidence,
            Entities = fallback.Reply.Entities,
            Actions = ledger.Actions,
        };
    }

    private static LlmFallbackReason Classify(Exception ex, bool budgetSpent) => ex switch
    {
        _ when budgetSpent => LlmFallbackReason.Timeout,
        LlmFallbackException known => known.Reason,
        HttpOperationException { StatusCode: not null } or ClientResultException { Status: > 0 } or HttpRequestException { StatusCode: not null }
            => LlmFallbackReason.ProviderError,
        _ when Chain(ex).Any(e => e is HttpRequestException) => LlmFallbackReason.Unreachable,
        _ => LlmFallbackReason.InvalidResponse,
    };

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException) yield return e;
    }

    private static int? StatusOf(Exception ex) => ex switch
    {
        HttpOperationException { StatusCode: { } code } => (int)code,
        ClientResultException { Status: > 0 } c => c.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };
}

/// <summary>A model answer the reply cannot be built from.</summary>
public sealed class LlmFallbackException(LlmFallbackReason reason) : Exception($"LLM answer unusable: {reason}")
{
    public LlmFallbackReason Reason { get; } = reason;
}
