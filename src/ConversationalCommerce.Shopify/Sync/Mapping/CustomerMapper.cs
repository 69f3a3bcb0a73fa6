using System.Text.Json;
using ConversationalCommerce.Domain.Customers;

namespace ConversationalCommerce.Shopify.Sync.Mapping;

public static class CustomerMapper
{
    public static Customer? Map(JsonElement root)
    {
        if (ShopifyGid.IdOf(root.Str("id"), "Customer") is not { } id) return null;
        var email = root.Obj("defaultEmailAddress");
        var phone = root.Obj("defaultPhoneNumber");
        return new Customer
        {
            ShopifyId = id,
            FirstName = root.Str("firstName"),
            LastName = root.Str("lastName"),
            Email = email?.Str("emailAddress")?.Trim().ToLowerInvariant(),
            Phone = phone?.Str("phoneNumber"),
            EmailMarketingConsent = email?.Str("marketingState") == "SUBSCRIBED",
            SmsMarketingConsent = phone?.Str("marketingState") == "SUBSCRIBED",
            Tags = string.Join(", ", root.Arr("tags").Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString())),
            Locale = root.Str("locale"),
            CreatedAt = root.Time("createdAt") ?? DateTimeOffset.UnixEpoch,
            UpdatedAt = root.Time("updatedAt") ?? DateTimeOffset.UnixEpoch,
        };
    }
}
