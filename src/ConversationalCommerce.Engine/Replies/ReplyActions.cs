namespace ConversationalCommerce.Engine.Replies;

/// <summary>The kinds of <see cref="ReplyAction"/> the engine emits; channels act on them.</summary>
public static class ReplyActions
{
    /// <summary>A person should take over; Data: "reason".</summary>
    public const string Handoff = "handoff";
    /// <summary>Put a variant in the cart; Data: "variantId" (Shopify id), "productId", "quantity".</summary>
    public const string AddToCart = "add_to_cart";
    /// <summary>The shopper opted out of messages on this channel; channels must stop proactive sends.</summary>
    public const string OptOut = "opt_out";
}
