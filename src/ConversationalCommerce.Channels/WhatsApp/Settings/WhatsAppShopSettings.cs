namespace ConversationalCommerce.Channels.WhatsApp.Settings;

/// <summary>A shop's WhatsApp Business number. The access token is stored encrypted and never returned by the API.</summary>
public sealed record WhatsAppShopSettings
{
    public required string PhoneNumberId { get; init; }
    public required string AccessToken { get; init; }
    /// <summary>Approved message templates by purpose ("reply", "notice"); the only thing allowed outside the 24-hour window.</summary>
    public IReadOnlyDictionary<string, WhatsAppTemplate> Templates { get; init; } = new Dictionary<string, WhatsAppTemplate>();
}

/// <param name="Name">The template's name as approved in WhatsApp Manager.</param>
/// <param name="LanguageCode">Its language, e.g. "en_US".</param>
/// <param name="BodyTextParameter">When true the template's body has one {{1}} parameter that receives the reply text.</param>
public sealed record WhatsAppTemplate(string Name, string LanguageCode, bool BodyTextParameter = true);
