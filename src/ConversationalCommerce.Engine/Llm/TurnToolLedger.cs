using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// What the tools handed the model during one turn: the products they returned (the only source of product
/// facts for cards) and the actions they asked for. One instance per turn; tools may run in parallel.
/// </summary>
public sealed class TurnToolLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ReturnedProduct> _products = [];
    private readonly List<ReplyAction> _actions = [];
    private readonly List<string> _calls = [];
    private int _batch;

    /// <summary>Records a tool's product results, in their order; a later batch outranks earlier ones when nothing is named.</summary>
    public void Returned(IEnumerable<(Product Product, ProductVariant? Variant)> products) =>
        Returned(products.Select(p => (p.Product, p.Variant, (IReadOnlyList<string>)[])));

    /// <param name="products">With the recommender's reasons, shown on the cards.</param>
    public void Returned(IEnumerable<(Product Product, ProductVariant? Variant, IReadOnlyList<string> Reasons)> products)
    {
        lock (_gate)
        {
            _batch++;
            var rank = 0;
            foreach (var (product, variant, reasons) in products)
                _products[product.Id] = new ReturnedProduct(product, variant, reasons, _batch, rank++);
        }
    }

    public void Act(ReplyAction action)
    {
        lock (_gate) _actions.Add(action);
    }

    public void Called(string tool)
    {
        lock (_gate) _calls.Add(tool);
    }

    public IReadOnlyList<ReturnedProduct> Products
    {
        get { lock (_gate) return [.. _products.Values]; }
    }

    public IReadOnlyList<ReplyAction> Actions
    {
        get { lock (_gate) return [.. _actions]; }
    }

    /// <summary>Names of the tools called, in order (for logs and tests; never their arguments).</summary>
    public IReadOnlyList<string> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    public bool WasReturned(Guid productId)
    {
        lock (_gate) return _products.ContainsKey(productId);
    }
}

/// <param name="Batch">Which tool result (1 = first) last returned it.</param>
/// <param name="Rank">Its position in that result.</param>
public sealed record ReturnedProduct(Product Product, ProductVariant? Variant, IReadOnlyList<string> Reasons, int Batch, int Rank);
