using System.Net.Mail;
using ConversationalCommerce.Domain.Customers;
using PhoneNumbers;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>The one normal form of each kind of address, so the same person's address always matches itself.</summary>
public static class IdentityValues
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Null when the value is not a valid address of that kind.</summary>
    public static string? Normalize(ChannelIdentityKind kind, string? value, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        return kind switch
        {
            ChannelIdentityKind.Phone => ToE164(trimmed, defaultRegion),
            ChannelIdentityKind.Email => MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed
                ? trimmed.ToLowerInvariant() : null,
            ChannelIdentityKind.ShopifyCustomer => long.TryParse(trimmed, out var id) && id > 0 ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            _ => trimmed.Length <= 320 ? trimmed : null,
        };
    }

    /// <summary>
    /// E.164 ("+16505551234"). WhatsApp ids come as digits with the country code and no plus; a number without a
    /// country code needs the shop's region.
    /// </summary>
    public static string? ToE164(string raw, string? defaultRegion = null)
    {
        var text = raw.Trim();
        if (text.Length > 0 && char.IsDigit(text[0]) && defaultRegion is null) text = "+" + text;
        try
        {
            var number = Phones.Parse(text, defaultRegion ?? "ZZ");
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>For logs: the last two digits only, never the number.</summary>
    public static string Redact(string value) => value.Length <= 2 ? "**" : new string('*', Math.Min(6, value.Length - 2)) + value[^2..];
}
