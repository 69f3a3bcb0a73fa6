namespace ConversationalCommerce.App.Features.Conversations;

/// <summary>
/// Bound from "HeadlessApi". API keys per shop domain, from the environment or a secret store
/// (e.g. <c>HeadlessApi__Keys__demo-store.myshopify.com=...</c>); a shop without a key has no headless access.
/// </summary>
public sealed class HeadlessApiOptions
{
    public const string Section = "HeadlessApi";

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
