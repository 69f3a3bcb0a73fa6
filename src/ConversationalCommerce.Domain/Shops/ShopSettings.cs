namespace ConversationalCommerce.Domain.Shops;

/// <summary>Merchant-editable settings; stored with the shop.</summary>
public sealed class ShopSettings
{
    public string AssistantName { get; set; } = "Shopping assistant";
    public string Greeting { get; set; } = "Hi! Looking for something special? Tell me who it's for or what you need.";
    public string AccentColor { get; set; } = "#1f6feb";
    /// <summary>The shop's public WhatsApp number (E.164) shoppers can write to; null when WhatsApp is not set up.</summary>
    public string? WhatsAppNumber { get; set; }
    public string ShippingPolicy { get; set; } = "";
    public string ReturnsPolicy { get; set; } = "";
    public string PaymentPolicy { get; set; } = "";
    /// <summary>The WhatsApp Business phone number id (not a secret); webhooks are routed to the shop by it.</summary>
    public string? WhatsAppPhoneNumberId { get; set; }
    /// <summary>Encrypted JSON of channel credentials (WhatsApp, email); never returned by the API.</summary>
    public string? EncryptedChannelSecrets { get; set; }
}
