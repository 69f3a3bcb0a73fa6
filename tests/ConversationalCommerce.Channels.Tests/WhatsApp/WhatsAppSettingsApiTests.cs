using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>The operator's endpoint for a shop's WhatsApp number: protected, token encrypted at rest and never returned.</summary>
public sealed class WhatsAppSettingsApiTests(WhatsAppTestApp wa) : IClassFixture<WhatsAppTestApp>
{
    private const string Url = $"/api/admin/shops/{WhatsAppTestApp.ShopDomain}/whatsapp";

    [Fact]
    public async Task Settings_endpoint_refuses_callers_without_operator_credentials()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.Http.GetAsync(Url)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, Url);
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:guess")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.Http.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task Operator_sets_number_token_and_templates_and_the_token_is_stored_encrypted_and_never_returned()
    {
        var put = Authorized(HttpMethod.Put, Url);
        put.Content = JsonContent.Create(new
        {
            phoneNumberId = WhatsAppTestApp.PhoneNumberId,
            accessToken = "EAAG-new-secret-token-123",
            displayPhoneNumber = "1 (650) 555-0299",
            templates = new Dictionary<string, object> { ["reply"] = new { name = "back_in_touch", languageCode = "en_GB" } },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await wa.Http.SendAsync(put)).StatusCode);

        var get = await wa.Http.SendAsync(Authorized(HttpMethod.Get, Url));
        var json = await get.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"hasAccessToken\":true", json);
        Assert.Contains("back_in_touch", json);
        Assert.Equal("+16505550299", (string?)System.Text.Json.Nodes.JsonNode.Parse(json)!["displayPhoneNumber"]);
        Assert.DoesNotContain("EAAG-new-secret-token-123", json);
        var stored = await wa.QueryAsync(db => db.Shops.AsNoTracking().Where(s => s.Id == wa.ShopId).Select(s => s.Settings.EncryptedChannelSecrets).SingleAsync());
        Assert.DoesNotContain("EAAG-new-secret-token-123", stored);
        var settings = await wa.WithScopeAsync(s => s.GetRequiredService<WhatsAppSettingsStore>().GetAsync(wa.ShopId, CancellationToken.None));
        Assert.Equal("EAAG-new-secret-token-123", settings!.AccessToken);

        // Put the fixture's token back for the other tests of the class.
        var restore = Authorized(HttpMethod.Put, Url);
        restore.Content = JsonContent.Create(new
        {
            phoneNumberId = WhatsAppTestApp.PhoneNumberId, accessToken = WhatsAppTestApp.AccessToken,
            templates = new Dictionary<string, object> { ["reply"] = new { name = "order_followup", languageCode = "en_US" } },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await wa.Http.SendAsync(restore)).StatusCode);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_reason()
    {
        var put = Authorized(HttpMethod.Put, Url);
        put.Content = JsonContent.Create(new { phoneNumberId = "+1 650 555", accessToken = " " });

        var response = await wa.Http.SendAsync(put);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("phoneNumberId", body);
        Assert.Contains("accessToken", body);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WhatsAppTestApp.OperatorUser}:{WhatsAppTestApp.OperatorPassword}")));
        return request;
    }
}
