using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// "Where is my order?": only for an identified customer (signed in on the storefront, or a linked WhatsApp/email
/// identity), and only their own orders. Anonymous shoppers are told how to get identified; nothing is looked up by
/// an order number alone, since anyone could type one.
/// </summary>
public sealed class OrderStatusResponder(ICustomerProfileSource customers) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.OrderStatus];

    public async Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var profile = turn.Ranking.Customer
                      ?? (turn.Context.CustomerId is { } id ? await customers.GetAsync(turn.ShopId, id, cancellationToken) : null);
        if (profile is null)
            return new TurnAnswer(new Reply
            {
                Text = "I can check your orders once I know it's you: please sign in to your account on the store (or message us from the email or phone number you ordered with), then ask me again. Or I can pass you to the team.",
                QuickReplies = ["Talk to a person"],
            }, turn.State);
        if (profile.Orders.Count == 0)
            return new TurnAnswer(new Reply { Text = "I can't find any orders on your account yet. If you ordered as a guest, the team can look it up for you.", QuickReplies = ["Talk to a person"] }, turn.State);

        var named = profile.Orders.FirstOrDefault(o => turn.Text.Contains(o.Name.TrimStart('#'), StringComparison.OrdinalIgnoreCase));
        var orders = named is not null ? [named] : profile.Orders.Take(2).ToList();
        var lines = orders.Select(o => Describe(o, turn.Currency));
        var greeting = profile.FirstName is { Length: > 0 } name ? $"Hi {name}! " : "";
        var text = greeting + (orders.Count == 1 ? "Here's your order:\n" : "Here are your latest orders:\n") + string.Join("\n", lines);
        return new TurnAnswer(new Reply { Text = text, QuickReplies = ["Returns policy", "Talk to a person"] }, turn.State with { PendingQuestion = null });
    }

    private static string Describe(OrderSummary o, string currency)
    {
        var items = string.Join(", ", o.Lines.Take(3).Select(l => l.Quantity > 1 ? $"{l.Quantity} × {l.Title}" : l.Title));
        if (o.Lines.Count > 3) items += $" and {o.Lines.Count - 3} more";
        var status = o.CancelledAt is not null ? "was cancelled"
            : (o.FulfillmentStatus ?? "").ToLowerInvariant() switch
            {
                "fulfilled" => "has shipped",
                "partial" => "has partly shipped",
                "restocked" => "was returned",
                _ => o.FinancialStatus.Equals("refunded", StringComparison.OrdinalIgnoreCase) ? "was refunded" : "is being prepared and hasn't shipped yet",
            };
        var tracking = o.TrackingUrl is { Length: > 0 } url && o.CancelledAt is null ? $" Track it here: {url}" : "";
        return $"• {o.Name} from {o.CreatedAt:MMM d} ({Money.Format(o.Total, o.Currency.Length > 0 ? o.Currency : currency)}: {items}) {status}.{tracking}";
    }
}
