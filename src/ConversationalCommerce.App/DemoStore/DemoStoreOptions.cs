namespace ConversationalCommerce.App.DemoStore;

/// <summary>Bound from "DemoStore".</summary>
public sealed class DemoStoreOptions
{
    public const string Section = "DemoStore";

    /// <summary>Seed the demo shop at start-up when the database holds no shop at all.</summary>
    public bool SeedOnStartup { get; set; } = true;
}
