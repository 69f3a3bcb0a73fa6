namespace ConversationalCommerce.Domain.Shops;

public sealed class Shop
{
    public const string DemoDomain = "demo-store.myshopify.com";

    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The permanent myshopify.com domain, lower case.</summary>
    public required string Domain { get; set; }
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "USD";
    public string Locale { get; set; } = "en";
    public ShopInstallState InstallState { get; set; } = ShopInstallState.Installed;
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset? UninstalledAt { get; set; }

    /// <summary>Access and refresh tokens, encrypted by the app before they reach this entity.</summary>
    public string? EncryptedAccessToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public string? EncryptedRefreshToken { get; set; }
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }
    public string GrantedScopes { get; set; } = "";
    /// <summary>Bumped on every token write; the concurrency token that lets only one node rotate the tokens.</summary>
    public int TokenVersion { get; set; }

    /// <summary>
    /// Publishable key the storefront widget presents; it identifies the shop, it grants nothing else. Every new shop
    /// gets one here, whoever creates it (install, demo seed, CLI import).
    /// </summary>
    public string WidgetKey { get; set; } = NewWidgetKey();

    public ShopSettings Settings { get; set; } = new();

    public static string NewWidgetKey() =>
        "wk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public bool IsDemo => string.Equals(Domain, DemoDomain, StringComparison.OrdinalIgnoreCase);
}

public enum ShopInstallState
{
    Installed = 0,
    Uninstalled = 1,
}
