using ConversationalCommerce.Channels.Widget.Session;

namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>What a hub connection acts for, fixed when it connects: one visitor's thread in one shop.</summary>
/// <param name="CustomerStored">False until an anonymous visitor's customer row exists (written when they first act).</param>
public sealed record WidgetConnection(Guid ShopId, Guid VisitorId, Guid CustomerId, Guid ConversationId, SendBucket Bucket, bool CustomerStored = true)
{
    public const string ItemKey = "cc:widget";

    public static string Group(Guid conversationId) => "conversation:" + conversationId.ToString("N");

    public string Group() => Group(ConversationId);

    public VisitorThread Thread => new(CustomerId, ConversationId, CustomerStored);
}
