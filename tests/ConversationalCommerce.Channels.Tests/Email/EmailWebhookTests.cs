using System.Net;
using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>POST /webhooks/email/{shop}: raw MIME from a mail provider, authenticated by the shop's secret, stored in the inbox once.</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailWebhookTests(EmailTestHost host)
{
    private const string Path = $"/webhooks/email/{EmailTestHost.Shop}";

    [Fact]
    public async Task Wrong_or_missing_secret_is_401_and_stores_nothing()
    {
        var id = $"{Guid.NewGuid():N}@customer.test";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Mime(id), secret: "not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Mime(id), secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Mime(id), secret: null, signature: "sha256=" + new string('0', 64))).StatusCode);
        Assert.Equal(0, await InboxCountAsync(id));
    }

    [Fact]
    public async Task Garbage_body_is_400()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes("this is not an email at all"), WebhookSecret);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Not a parseable email", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync([], WebhookSecret)).StatusCode);
    }

    [Fact]
    public async Task Unknown_shop_is_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/email/nope.myshopify.com") { Content = new ByteArrayContent(Mime("x@customer.test")) };
        request.Headers.Add("X-Webhook-Secret", WebhookSecret);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Mail_is_stored_once_by_message_id_and_a_redelivery_is_acknowledged_as_duplicate()
    {
        var id = $"{Guid.NewGuid():N}@customer.test";
        var first = await PostAsync(Mime(id), WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("accepted", await first.Content.ReadAsStringAsync());

        // Same mail again, signed with the HMAC this time.
        var again = await PostAsync(Mime(id), secret: null, signature: Sign(Mime(id)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync());

        Assert.Equal(1, await InboxCountAsync(id));
        var row = await host.InShopAsync((db, _) => db.Inbox.AsNoTracking().SingleAsync(i => i.Source == "email" && i.DedupeKey == id));
        Assert.Equal(host.ShopId, row.ShopId);
        Assert.Equal(EmailIntake.Topic, row.Topic);
        Assert.Equal(Mime(id), Convert.FromBase64String(row.Body));
    }

    [Fact]
    public async Task Attachments_over_the_limit_are_dropped_and_the_text_kept()
    {
        var id = $"{Guid.NewGuid():N}@customer.test";
        var builder = new BodyBuilder { TextBody = "Here is a photo of what I mean, something like this?" };
        builder.Attachments.Add("photo.jpg", RandomNumberGenerator.GetBytes(11 * 1024 * 1024), new ContentType("image", "jpeg"));
        var message = new MimeMessage { MessageId = id, Subject = "like this" };
        message.From.Add(MailboxAddress.Parse("photo@customer.test"));
        message.To.Add(MailboxAddress.Parse(EmailTestHost.ShopMailbox));
        message.Body = builder.ToMessageBody();
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw);

        var response = await PostAsync(raw.ToArray(), WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = await host.InShopAsync((db, _) => db.Inbox.AsNoTracking().SingleAsync(i => i.Source == "email" && i.DedupeKey == id));
        var stored = EmailIntake.Load(row);
        Assert.Empty(stored.Attachments);
        Assert.StartsWith("1; ", stored.Headers[EmailIntake.AttachmentsDroppedHeader]);
        Assert.Equal("Here is a photo of what I mean, something like this?", stored.TextBody?.Trim());
        Assert.True(row.Body.Length < 10_000, $"stored {row.Body.Length} chars");
    }

    private const string WebhookSecret = EmailTestHost.WebhookSecret;

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? secret, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        if (secret is not null) request.Headers.Add("X-Webhook-Secret", secret);
        if (signature is not null) request.Headers.Add("X-Webhook-Signature", signature);
        return await host.Http.SendAsync(request);
    }

    private static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body));

    private static byte[] Mime(string messageId) => Encoding.ASCII.GetBytes(
        $"From: Webhook Customer <webhook@customer.test>\r\nTo: {EmailTestHost.ShopMailbox}\r\nSubject: Question\r\nMessage-ID: <{messageId}>\r\n" +
        "Date: Mon, 30 Nov 2026 14:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDo you ship to Canada?\r\n");

    private Task<int> InboxCountAsync(string id) =>
        host.InShopAsync((db, _) => db.Inbox.CountAsync(i => i.Source == "email" && i.DedupeKey == id));
}
