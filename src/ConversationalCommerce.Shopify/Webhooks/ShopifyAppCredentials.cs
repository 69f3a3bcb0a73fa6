namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>
/// The app's client id and secret, bound from "Shopify" (the same keys the auth code reads). Webhook HMACs and
/// admin session tokens are signed with the secret; it comes from the environment, never from the repo.
/// </summary>
public sealed class ShopifyAppCredentials
{
    public const string Section = "Shopify";

    public string ApiKey { get; set; } = "";
    public string ApiSecret { get; set; } = "";
}
