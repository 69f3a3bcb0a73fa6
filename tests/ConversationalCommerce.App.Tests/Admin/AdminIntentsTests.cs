using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.CustomIntents;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.App.Tests.Admin;

public sealed class AdminIntentsTests : IDisposable
{
    private const string OtherShop = "tea-house.myshopify.com";
    private readonly AdminTestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static object Intent(int examples, string reply = "We're open 9 to 5, Monday to Saturday.") => new
    {
        examples = new[] { "when are you open", "what are your opening hours", "are you open on sunday", "what time do you close", "store hours" }.Take(examples).ToArray(),
        reply,
    };

    [Fact]
    public async Task A_merchant_adds_an_intent_from_the_admin_the_shop_learns_it_and_other_shops_never_see_it()
    {
        var demoId = await _app.InstallAsync(Shop.DemoDomain);
        await _app.InstallAsync(OtherShop);
        var demo = _app.AdminClient(Shop.DemoDomain);

        var put = await demo.PutAsJsonAsync("/api/admin/intents/store_hours", Intent(5));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = (await put.Content.ReadFromJsonAsync<AdminIntentsView>())!;
        var saved = Assert.Single(view.Intents);
        Assert.Equal("store_hours", saved.Name);
        Assert.Equal(5, saved.Examples.Count);
        Assert.Contains("search", view.BuiltIn);

        await _app.Services.GetRequiredService<CustomIntentService>().TrainingFor(demoId);
        var turn = await _app.TurnAsync(demoId, Guid.NewGuid(), Channel.Widget, "what are your hours on saturday?");
        Assert.Equal("store_hours", turn.Reply.Intent);
        Assert.Equal("We're open 9 to 5, Monday to Saturday.", turn.Reply.Text);

        var other = (await _app.AdminClient(OtherShop).GetFromJsonAsync<AdminIntentsView>("/api/admin/intents"))!;
        Assert.Empty(other.Intents);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.AdminClient(OtherShop).DeleteAsync("/api/admin/intents/store_hours")).StatusCode);

        var deleted = await demo.DeleteAsync("/api/admin/intents/store_hours");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty((await deleted.Content.ReadFromJsonAsync<AdminIntentsView>())!.Intents);
    }

    [Theory]
    [InlineData("Store Hours", 5, "lower-case")]
    [InlineData("search", 5, "built-in")]
    [InlineData("store_hours", 2, "at least 3")]
    public async Task Invalid_intents_are_refused_with_a_reason_the_merchant_can_act_on(string name, int examples, string reason)
    {
        await _app.InstallAsync(Shop.DemoDomain);
        var response = await _app.AdminClient(Shop.DemoDomain).PutAsJsonAsync($"/api/admin/intents/{Uri.EscapeDataString(name)}", Intent(examples));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("intent")[0].GetString());
        Assert.Empty((await _app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<AdminIntentsView>("/api/admin/intents"))!.Intents);
    }

    [Fact]
    public async Task Intents_need_a_valid_session()
    {
        await _app.InstallAsync(Shop.DemoDomain);
        var forged = _app.AdminClient(Shop.DemoDomain, secret: "shpss_not_the_app_secret_00000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/admin/intents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PutAsJsonAsync("/api/admin/intents/store_hours", Intent(5))).StatusCode);
    }
}
