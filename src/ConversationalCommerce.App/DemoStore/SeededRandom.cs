namespace ConversationalCommerce.App.DemoStore;

/// <summary>Small conveniences over a seeded <see cref="Random"/>, so the demo data comes out the same on every install.</summary>
internal static class SeededRandom
{
    public static Guid NextGuid(this Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, so the ids look like any other
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Index drawn with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random rng, IReadOnlyList<double> weights)
    {
        var total = 0d;
        foreach (var w in weights) total += w;
        var roll = rng.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>Retail-looking price: 27.99 under a hundred, whole dollars above.</summary>
    public static decimal RetailPrice(decimal raw) =>
        raw < 100m ? Math.Max(0.99m, Math.Round(raw, MidpointRounding.AwayFromZero) - 0.01m) : Math.Round(raw / 5m, MidpointRounding.AwayFromZero) * 5m;
}
