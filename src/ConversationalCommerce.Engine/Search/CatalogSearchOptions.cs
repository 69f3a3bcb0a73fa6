namespace ConversationalCommerce.Engine.Search;

/// <summary>Bound from "Search".</summary>
public sealed class CatalogSearchOptions
{
    public const string Section = "Search";

    /// <summary>Load the indexes of installed shops before the server listens.</summary>
    public bool WarmOnStartup { get; set; } = true;

    /// <summary>How long the updater waits after a change for more of a burst before reloading.</summary>
    public TimeSpan UpdateCoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Orders newer than this count toward a product's popularity prior.</summary>
    public TimeSpan PopularityWindow { get; set; } = TimeSpan.FromDays(365);
}
