using System.Security.Cryptography;
using ConversationalCommerce.Domain.Shops;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>The demo shop's row: name, currency, policies the assistant can quote.</summary>
internal static class DemoShopSettings
{
    public const string Name = "Demo Store";

    public static Shop NewShop(DateTimeOffset now) => Apply(new Shop { Domain = Shop.DemoDomain, InstalledAt = now });

    public static Shop Apply(Shop shop)
    {
        shop.Name = Name;
        shop.Currency = "USD";
        shop.Locale = "en";
        shop.InstallState = ShopInstallState.Installed;
        if (string.IsNullOrEmpty(shop.WidgetKey))
            shop.WidgetKey = "wk_demo_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        // A fictional number (555-01xx range) so "continue on WhatsApp" can be tried on the demo store.
        shop.Settings.WhatsAppNumber ??= "+15550100200";
        shop.Settings.ShippingPolicy =
            "Free standard shipping on US orders of $50 or more; otherwise $6.95. Orders placed before 2 pm ET ship the same " +
            "business day. Standard delivery takes 3-5 business days, express (2 business days) is $14.95. We ship to the US, " +
            "Canada, the UK and Australia; international delivery takes 7-14 business days and duties are paid at checkout.";
        shop.Settings.ReturnsPolicy =
            "Returns are free within 30 days of delivery for unworn, unused items in their original packaging. Gift receipts " +
            "allow exchanges or store credit without the giver being told. Personalised and engraved items, opened beauty " +
            "products and gift cards cannot be returned unless faulty. Refunds reach the original payment method within 5 " +
            "business days of the return arriving.";
        shop.Settings.PaymentPolicy =
            "We accept Visa, Mastercard, American Express, Discover, Shop Pay, Apple Pay, Google Pay and PayPal. Prices are in " +
            "US dollars; sales tax is calculated at checkout. Shop Pay Installments lets orders over $50 be paid in four " +
            "interest-free payments.";
        return shop;
    }
}
