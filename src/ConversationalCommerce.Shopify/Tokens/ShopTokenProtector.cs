using Microsoft.AspNetCore.DataProtection;

namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>Encrypts access and refresh tokens before they reach the database (keys live in the database too).</summary>
public sealed class ShopTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ConversationalCommerce.Shopify.ShopTokens.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string encrypted) => _protector.Unprotect(encrypted);
}
