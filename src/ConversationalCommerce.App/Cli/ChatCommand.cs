using System.CommandLine;
using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Cli;

/// <summary>
/// `chat --shop DOMAIN [--conversation ID] [--json] TEXT`: answers one message exactly as the widget would (same
/// service, stored in the same thread). Prints the reply, its products and the conversation id to continue with.
/// </summary>
public static class ChatCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "The shop's myshopify.com domain, e.g. demo-store.myshopify.com.", Required = true };
        var conversation = new Option<Guid?>("--conversation") { Description = "Continue this conversation (default: start a new one)." };
        var json = new Option<bool>("--json") { Description = "Print the structured reply (intent, entities, products) as JSON." };
        var text = new Argument<string[]>("text") { Description = "The shopper's message.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("chat", "Answer one shopper message as the widget would.") { shop, conversation, json, text };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var message = string.Join(' ', parse.GetValue(text) ?? []).Trim();
            if (message.Length == 0)
            {
                error.WriteLine("Nothing to say: give the message text.");
                return 2;
            }
            await using var app = await CliHost.StartAsync(ct, migrate: true, [.. parse.UnmatchedTokens]);
            var domain = parse.GetRequiredValue(shop).Trim().ToLowerInvariant();
            Shop? shopRow;
            await using (var scope = app.Services.CreateAsyncScope())
                shopRow = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.AsNoTracking()
                    .FirstOrDefaultAsync(s => s.Domain == domain && s.InstallState == ShopInstallState.Installed, ct);
            if (shopRow is null)
            {
                error.WriteLine(domain == Shop.DemoDomain
                    ? $"The demo store is not loaded; run `seed-demo` first."
                    : $"No installed shop {domain}.");
                return 3;
            }

            var conversationId = parse.GetValue(conversation) ?? Guid.NewGuid();
            TurnResult turn;
            try
            {
                turn = await app.Services.GetRequiredService<IConversationService>().HandleAsync(
                    new ShopperMessage(shopRow.Id, conversationId, Channel.Admin, message, ExternalId: null), ct);
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
            catch (ConversationAccessException e)
            {
                error.WriteLine(e.Message);
                return 3;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { conversationId, seq = turn.Assistant?.Seq, reply = turn.Assistant is null ? null : turn.Reply, held = turn.HeldForMerchant }, ReplyJson.Options));
                return 0;
            }
            if (turn.Assistant is null)
            {
                error.WriteLine($"conversation: {conversationId} is handed off to a person; the message was stored for them");
                return 0;
            }
            output.WriteLine(turn.Reply.Text);
            foreach (var card in turn.Reply.Products)
            {
                var reasons = card.Reasons.Count > 0 ? $" ({string.Join("; ", card.Reasons)})" : "";
                output.WriteLine($"  - {card.Title} | {Money.Format(card.Price, card.Currency)} | {card.Url}{reasons}");
            }
            if (turn.Reply.QuickReplies.Count > 0) output.WriteLine($"  [{string.Join("] [", turn.Reply.QuickReplies)}]");
            foreach (var action in turn.Reply.Actions)
                output.WriteLine($"  action: {action.Kind} {string.Join(" ", action.Data.Select(kv => $"{kv.Key}={kv.Value}"))}");
            error.WriteLine($"conversation: {conversationId} (intent {turn.Reply.Intent}, confidence {turn.Reply.Confidence:F2})");
            return 0;
        });
        return command;
    }
}
