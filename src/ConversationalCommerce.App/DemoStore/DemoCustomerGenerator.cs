using ConversationalCommerce.Domain.Customers;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>Demo shoppers: names, example.com addresses, fictional-range phone numbers, consents and locales.</summary>
internal sealed class DemoCustomerGenerator(Guid shopId, DateTimeOffset now, Random rng)
{
    public const long CustomerIdBase = 6_900_000_000_000;
    public const int Count = 64;

    private static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Priya", "Ethan", "Chloe", "Lucas", "Hana", "Oliver",
        "Isabella", "Kwame", "Emma", "Diego", "Aisha", "James", "Mei", "Benjamin", "Zara", "Samuel", "Grace", "Arjun",
        "Lily", "Daniel", "Fatima", "Henry", "Nora", "Julian", "Elena", "Theo",
    ];

    private static readonly string[] LastNames =
    [
        "Bennett", "Okafor", "Nguyen", "Garcia", "Patel", "Schmidt", "Rossi", "Kim", "Murphy", "Haddad", "Silva", "Johansson",
        "Tanaka", "Walker", "Dubois", "Mensah", "O'Brien", "Fischer", "Moreno", "Chen", "Novak", "Kowalski", "Reyes", "Campbell",
    ];

    // Country code, number prefix (ranges reserved for fiction: US 555-01xx, UK 07700 900xxx, AU 0491 570xxx), locale.
    private static readonly (string Prefix, int Digits, string Locale)[] PhonePlans =
    [
        ("+1212555", 4, "en"), ("+1415555", 4, "en"), ("+1312555", 4, "en"), ("+1617555", 4, "en"), ("+1305555", 4, "es"),
        ("+1514555", 4, "fr"), ("+447700900", 3, "en-GB"), ("+61491570", 3, "en-AU"),
    ];

    public List<Customer> Customers { get; } = [];

    public void Generate()
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Count; i++)
        {
            string first, last, email;
            do
            {
                first = rng.Pick(FirstNames);
                last = rng.Pick(LastNames);
                email = $"{Local(first)}.{Local(last)}@example.com";
            } while (!used.Add(email));

            var plan = rng.Pick(PhonePlans);
            // US fictional numbers are 555-0100 to 555-0199; the others take the reserved block's last digits.
            var phone = plan.Digits == 4 ? $"{plan.Prefix}01{i:D2}" : $"{plan.Prefix}{i:D3}";
            var hasPhone = rng.Chance(0.75);
            var createdAt = now.AddDays(-rng.Next(30, 900)).AddMinutes(-rng.Next(0, 1440));
            var customer = new Customer
            {
                Id = rng.NextGuid(),
                ShopId = shopId,
                ShopifyId = CustomerIdBase + i + 1,
                FirstName = first,
                LastName = last,
                Email = email,
                Phone = hasPhone ? phone : null,
                EmailMarketingConsent = rng.Chance(0.6),
                SmsMarketingConsent = hasPhone && rng.Chance(0.35),
                Locale = plan.Locale,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            customer.Tags = customer.EmailMarketingConsent ? "newsletter" : "";
            AddIdentity(customer, ChannelIdentityKind.ShopifyCustomer, customer.ShopifyId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), optedIn: false);
            AddIdentity(customer, ChannelIdentityKind.Email, email.ToLowerInvariant(), customer.EmailMarketingConsent);
            if (customer.Phone is not null) AddIdentity(customer, ChannelIdentityKind.Phone, customer.Phone, customer.SmsMarketingConsent);
            Customers.Add(customer);
        }
    }

    /// <summary>Tags that follow from the order history (called once orders exist).</summary>
    public static void TagByHistory(Customer customer, int orderCount, decimal spent)
    {
        var tags = customer.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (orderCount >= 2) tags.Add("returning");
        if (orderCount >= 10 || spent >= 1000m) tags.Add("vip");
        customer.Tags = string.Join(", ", tags);
    }

    private void AddIdentity(Customer customer, ChannelIdentityKind kind, string value, bool optedIn) =>
        customer.Identities.Add(new ChannelIdentity
        {
            Id = rng.NextGuid(),
            ShopId = shopId,
            CustomerId = customer.Id,
            Kind = kind,
            Value = value,
            Evidence = "shopify-customer",
            VerifiedAt = customer.CreatedAt,
            OptedInAt = optedIn ? customer.CreatedAt : null,
            OptInSource = optedIn ? "checkout" : null,
        });

    private static string Local(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
}
