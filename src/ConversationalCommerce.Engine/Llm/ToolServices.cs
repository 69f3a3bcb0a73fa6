using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>The engine's services the tools call: the same ones the offline engine answers with.</summary>
public sealed record ToolServices(
    ICatalogSearch Catalog,
    IShopperEntityExtractor Entities,
    GiftFinder Gifts,
    BoughtTogether Together,
    IPurchaseStatsSource Purchases,
    ICustomerProfileSource Customers);
