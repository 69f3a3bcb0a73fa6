namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>What a hub connection acts for, fixed when it connects: one visitor's thread in one shop.</summary>
public sealed record WidgetConnection(Guid ShopId, Guid VisitorId, Guid CustomerId, Guid ConversationId, SendBucket Bucket)
{
    public const string ItemKey = "cc:widget";

    public static string Group(Guid conversationId) => "conversation:" + conversationId.ToString("N");

    public string Group() => Group(ConversationId);
}
