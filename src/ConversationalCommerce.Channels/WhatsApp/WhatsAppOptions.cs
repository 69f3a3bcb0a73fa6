namespace ConversationalCommerce.Channels.WhatsApp;

/// <summary>Bound from "WhatsApp". The app secret and verify token come from the environment, never from the repo.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>Meta app secret: the key of the X-Hub-Signature-256 HMAC on every webhook.</summary>
    public string AppSecret { get; set; } = "";
    /// <summary>The token we typed into the app dashboard; Meta echoes it in the subscription handshake.</summary>
    public string VerifyToken { get; set; } = "";
    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";
    public string ApiVersion { get; set; } = "v21.0";
    /// <summary>Meta's notifications are a few KB; anything far larger is not theirs.</summary>
    public int MaxWebhookBytes { get; set; } = 1024 * 1024;
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Free-form messages are allowed only this long after the customer's last message.</summary>
    public TimeSpan CustomerServiceWindow { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How long a phone number id to shop mapping is cached by the webhook.</summary>
    public TimeSpan ShopLookupCache { get; set; } = TimeSpan.FromSeconds(30);
}
