using ConversationalCommerce.App.Features.Search.Evaluation;

namespace ConversationalCommerce.App.Tests.Search;

public sealed class QueryHalvesTests
{
    private static QueryOutcome Outcome(string id, double? ndcg, double? recall) => new(id, "q" + id, ndcg, recall, []);

    [Fact]
    public void Odd_and_even_query_ids_are_averaged_apart_skipping_queries_without_figures()
    {
        var halves = QueryHalves.Of(
        [
            Outcome("1", 0.9, 1.0), Outcome("3", 0.5, null), Outcome("7", null, null),
            Outcome("0", 0.2, 0.4), Outcome("12", 0.4, 0.6),
        ]);

        Assert.NotNull(halves);
        Assert.Equal(3, halves.Odd.Queries);
        Assert.Equal(0.7, halves.Odd.Ndcg10, 6);
        Assert.Equal(1.0, halves.Odd.Recall50, 6);
        Assert.Equal(2, halves.Even.Queries);
        Assert.Equal(0.3, halves.Even.Ndcg10, 6);
        Assert.Equal(0.5, halves.Even.Recall50, 6);
    }

    [Fact]
    public void Query_ids_that_are_not_numbers_give_no_halves()
    {
        Assert.Null(QueryHalves.Of([Outcome("1", 0.9, 1.0), Outcome("q-2", 0.1, 0.2)]));
    }
}
