namespace ConversationalCommerce.Engine.Llm;

/// <summary>What the assistant needs to know about the shop it speaks for.</summary>
public sealed record ShopProfile(string Name, string AssistantName, string Currency)
{
    public static readonly ShopProfile Unknown = new("this shop", "Shopping assistant", "USD");
}
