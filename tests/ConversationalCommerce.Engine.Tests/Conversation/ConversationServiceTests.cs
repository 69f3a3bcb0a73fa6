using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Tests.Conversation;

[Collection(DemoConversationCollection.Name)]
public sealed class ConversationServiceTests(DemoConversationApp app)
{
    [Fact]
    public async Task A_new_conversation_is_created_and_turns_get_gap_free_sequence_numbers()
    {
        var id = Guid.NewGuid();
        var first = await app.SayAsync(id, "show me mugs");
        var second = await app.SayAsync(id, "under $25");

        Assert.Equal([1L, 2L, 3L, 4L], new[] { first.Shopper.Seq, first.Assistant!.Seq, second.Shopper.Seq, second.Assistant!.Seq });
        var stored = await app.ConversationAsync(app.ShopId, id);
        Assert.NotNull(stored);
        Assert.Equal(4, stored.LastSeq);
        Assert.Equal(Channel.Widget, stored.LastChannel);
        Assert.Contains("\"maxPrice\":25", stored.StateJson);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, stored.Messages.OrderBy(m => m.Seq).Select(m => m.Seq));
        var assistant = stored.Messages.Single(m => m.Seq == 4);
        Assert.Equal(MessageRole.Assistant, assistant.Role);
        var payload = ReplyJson.Deserialize(assistant.PayloadJson, "");
        Assert.Equal(second.Reply.Text, payload.Text);
        Assert.Equal(second.Reply.Products.Select(p => p.ProductId), payload.Products.Select(p => p.ProductId));
        Assert.Contains("\"products\":", assistant.PayloadJson);
    }

    [Fact]
    public async Task Repeated_external_id_returns_the_stored_turn_without_answering_again()
    {
        var id = Guid.NewGuid();
        var first = await app.SayAsync(id, "gift for my dad", externalId: "client-msg-1");
        var repeat = await app.SayAsync(id, "gift for my dad", externalId: "client-msg-1");

        Assert.False(first.WasDuplicate);
        Assert.True(repeat.WasDuplicate);
        Assert.Equal(first.Assistant!.Id, repeat.Assistant!.Id);
        Assert.Equal(first.Reply.Text, repeat.Reply.Text);
        var stored = await app.ConversationAsync(app.ShopId, id);
        Assert.Equal(2, stored!.Messages.Count);
    }

    [Fact]
    public async Task Concurrent_duplicate_deliveries_store_one_turn()
    {
        var id = Guid.NewGuid();
        var sends = Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.SayAsync(id, "show me candles", externalId: "wamid.same"))).ToArray();
        var results = await Task.WhenAll(sends);

        Assert.Single(results, r => !r.WasDuplicate);
        Assert.Single(results.Select(r => r.Assistant!.Id).Distinct());
        var stored = await app.ConversationAsync(app.ShopId, id);
        Assert.Equal(2, stored!.Messages.Count);
    }

    [Fact]
    public async Task Concurrent_messages_on_one_thread_all_land_with_unique_sequence_numbers()
    {
        var id = Guid.NewGuid();
        await app.SayAsync(id, "hello");
        var texts = new[] { "show me scarves", "under $50", "in navy", "show me more" };
        var results = await Task.WhenAll(texts.Select((t, i) => Task.Run(() => app.SayAsync(id, t, externalId: $"c-{id}-{i}"))));

        Assert.All(results, r => Assert.False(r.WasDuplicate));
        var stored = await app.ConversationAsync(app.ShopId, id);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), stored!.Messages.OrderBy(m => m.Seq).Select(m => m.Seq));
        Assert.Equal(10, stored.LastSeq);
        Assert.Equal(texts.Order(), stored.Messages.Where(m => m.Role == MessageRole.Shopper && m.Seq > 1).Select(m => m.Text).Order());
    }

    [Fact]
    public async Task A_conversation_of_another_shop_is_refused_and_not_touched()
    {
        var otherShop = await app.AddShopAsync($"other-{Guid.NewGuid():N}.myshopify.com");
        var id = Guid.NewGuid();
        await app.SayAsync(id, "show me mugs");

        await Assert.ThrowsAsync<ConversationAccessException>(() => app.SayAsync(id, "hi", shopId: otherShop));
        Assert.Null(await app.ConversationAsync(otherShop, id));
        Assert.Equal(2, (await app.ConversationAsync(app.ShopId, id))!.Messages.Count);
        Assert.Empty(await app.Reader.HistoryAsync(otherShop, id, 0, 50, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_external_id_in_two_shops_is_two_separate_turns()
    {
        var otherShop = await app.AddShopAsync($"twin-{Guid.NewGuid():N}.myshopify.com");
        var a = await app.SayAsync(Guid.NewGuid(), "hello", externalId: "shared-id");
        var b = await app.SayAsync(Guid.NewGuid(), "hello", externalId: "shared-id", shopId: otherShop);

        Assert.False(a.WasDuplicate);
        Assert.False(b.WasDuplicate);
        Assert.NotEqual(a.Shopper.ConversationId, b.Shopper.ConversationId);
    }

    [Fact]
    public async Task History_after_a_sequence_number_returns_only_later_messages_in_order()
    {
        var id = Guid.NewGuid();
        await app.SayAsync(id, "hi");
        await app.SayAsync(id, "show me tea");
        await app.SayAsync(id, "thanks");

        var after = await app.Reader.HistoryAsync(app.ShopId, id, 2, 200, CancellationToken.None);
        Assert.Equal(new long[] { 3, 4, 5, 6 }, after.Select(m => m.Seq));
        Assert.Equal("show me tea", after[0].Text);
        var page = await app.Reader.HistoryAsync(app.ShopId, id, 0, 3, CancellationToken.None);
        Assert.Equal(new long[] { 1, 2, 3 }, page.Select(m => m.Seq));
    }

    [Fact]
    public async Task An_oversized_message_is_refused_and_nothing_is_stored()
    {
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<ArgumentException>(() => app.SayAsync(id, new string('a', 2001)));
        Assert.Null(await app.ConversationAsync(app.ShopId, id));
    }

    [Fact]
    public async Task Asking_for_a_person_leaves_the_conversation_waiting_for_a_person()
    {
        var id = Guid.NewGuid();
        var turn = await app.SayAsync(id, "can I talk to a real person please");

        Assert.Contains(turn.Reply.Actions, a => a.Kind == ReplyActions.Handoff);
        Assert.Equal(ConversationStatus.WaitingForHuman, (await app.ConversationAsync(app.ShopId, id))!.Status);
    }
}
