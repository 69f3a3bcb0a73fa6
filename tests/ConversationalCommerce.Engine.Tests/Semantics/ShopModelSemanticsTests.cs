using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Semantics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Tests.Semantics;

/// <summary>The shop models read the static token table when there is one, and train without it when there is none.</summary>
public class ShopModelSemanticsTests
{
    private static IntentModelStore Store(SemanticOptions semantics) =>
        new(Options.Create(new IntentOptions()), new StaticEmbeddingTableSource(semantics), TimeProvider.System, NullLogger<IntentModelStore>.Instance);

    [Fact]
    public async Task Built_in_model_uses_the_table_and_still_detects_intents_without_it()
    {
        var table = await PackagedTable.GetAsync();
        var scratch = Directory.CreateTempSubdirectory("cc-semantics-none-").FullName;
        try
        {
            var withTable = Store(new SemanticOptions { CacheDirectory = PackagedTable.CacheDirectory }).BuiltIn.Classifier;
            var without = Store(new SemanticOptions { CacheDirectory = scratch, ModelAssemblyPath = Path.Combine(scratch, "missing.dll") }).BuiltIn.Classifier;

            Assert.Equal(without.FeatureCount + table.Dimensions, withTable.FeatureCount);
            foreach (var model in new[] { withTable, without })
            {
                var p = model.Predict("where's my package");
                Assert.Equal(CommerceIntents.OrderStatus, model.Labels[Array.IndexOf(p, p.Max())]);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
