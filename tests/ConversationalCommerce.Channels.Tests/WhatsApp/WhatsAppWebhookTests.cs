using System.Net;
using System.Text;
using ConversationalCommerce.Channels.Tests.Delivery;
using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>The webhook through real HTTP into the inbox, processed by the real jobs; replies land at WireMock's Graph API.</summary>
public sealed class WhatsAppWebhookTests(WhatsAppTestApp wa) : IClassFixture<WhatsAppTestApp>
{
    [Fact]
    public async Task Handshake_echoes_the_challenge_as_plain_text_for_our_verify_token()
    {
        var response = await wa.Http.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppTestApp.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("subscribe", "not-our-token")]
    [InlineData("unsubscribe", WhatsAppTestApp.VerifyToken)]
    public async Task Handshake_with_a_wrong_token_or_mode_is_forbidden(string mode, string token)
    {
        var response = await wa.Http.GetAsync($"/webhooks/whatsapp?hub.mode={mode}&hub.verify_token={token}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forged_or_missing_signature_is_refused_with_401_and_nothing_is_stored()
    {
        var body = Notifications.Text("16505550301", "wamid.forged-301", "hello");
        var forged = WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), "someone-elses-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.PostWebhookAsync(body, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.PostWebhookAsync(body, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.PostWebhookAsync(body, "sha256=zz")).StatusCode);
        // Signed correctly, but then altered in transit.
        var signed = WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), WhatsAppTestApp.AppSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wa.PostWebhookAsync(body.Replace("hello", "hellO"), signed)).StatusCode);

        Assert.Equal(0, await wa.QueryAsync(db => db.Inbox.CountAsync(i => i.DedupeKey == "wamid.forged-301")));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","messages":[]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"1650"}]}}]}]}""")]
    public async Task Signed_but_malformed_notification_is_refused_with_400_and_no_body(string body)
    {
        var response = await wa.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Notification_for_an_unknown_phone_number_id_is_acknowledged_and_ignored()
    {
        var response = await wa.PostWebhookAsync(Notifications.Text("16505550302", "wamid.unknown-302", "hi", phoneNumberId: "999999999999"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await wa.QueryAsync(db => db.Inbox.CountAsync(i => i.DedupeKey == "wamid.unknown-302")));
    }

    [Fact]
    public async Task Unsupported_message_type_is_answered_politely_and_records_the_opt_in()
    {
        wa.GraphAccepts("+16505550303");

        Assert.Equal(HttpStatusCode.OK, (await wa.PostWebhookAsync(Notifications.Image("16505550303", "wamid.image-303"))).StatusCode);

        var sent = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo("+16505550303")), s => s.Count == 1, what: "the polite answer");
        WhatsAppDeliveryTests.AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550303","type":"text",
             "text":{"preview_url":false,"body":"Sorry, I can only read text messages here for now. Could you type your question? For example: \"a gift for my sister under $40\"."}}
            """, sent[0]);
        var identity = await wa.QueryAsync(db => db.ChannelIdentities.AsNoTracking().SingleAsync(i => i.Kind == ChannelIdentityKind.Phone && i.Value == "+16505550303"));
        Assert.Equal("whatsapp-inbound", identity.OptInSource);
        Assert.NotNull(identity.OptedInAt);
        Assert.Null(identity.OptedOutAt);
    }

    [Fact]
    public async Task Duplicate_delivery_is_stored_once_and_answered_once()
    {
        const string to = "+16505550304";
        wa.GraphAccepts(to);
        var body = Notifications.Image("16505550304", "wamid.dup-304");

        Assert.Equal(HttpStatusCode.OK, (await wa.PostWebhookAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wa.PostWebhookAsync(body)).StatusCode);
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to).Count), c => c == 1, what: "the answer");
        Assert.Equal(HttpStatusCode.OK, (await wa.PostWebhookAsync(body)).StatusCode);
        await Task.Delay(1500);

        Assert.Equal(1, await wa.QueryAsync(db => db.Inbox.CountAsync(i => i.Source == "whatsapp" && i.DedupeKey == "wamid.dup-304")));
        Assert.Single(wa.SentTo(to));
    }

    [Fact]
    public async Task Stop_opts_out_confirms_once_and_every_later_send_is_cancelled()
    {
        const string to = "+16505550305";
        wa.GraphAccepts(to);

        await wa.PostWebhookAsync(Notifications.Text("16505550305", "wamid.stop-305", "STOP"));
        var confirmation = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the confirmation");
        WhatsAppDeliveryTests.AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550305","type":"text",
             "text":{"preview_url":false,"body":"You're unsubscribed: Gift Corner won't message you here any more. Reply START if you change your mind."}}
            """, confirmation[0]);
        var identity = await wa.QueryAsync(db => db.ChannelIdentities.AsNoTracking().SingleAsync(i => i.Kind == ChannelIdentityKind.Phone && i.Value == to));
        Assert.NotNull(identity.OptedOutAt);
        Assert.Equal("whatsapp-stop", identity.OptOutSource);

        await wa.PostWebhookAsync(Notifications.Text("16505550305", "wamid.stop-305b", "stop all"));
        await wa.EventuallyAsync(db => db.Inbox.AsNoTracking().SingleAsync(i => i.DedupeKey == "wamid.stop-305b"), r => r.Status == InboxStatus.Done);

        // The thread's next reply (say, from the merchant's follow-up) is refused at the outbox.
        var conversationId = (await wa.QueryAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.CustomerId == identity.CustomerId))).Id;
        var messageId = await wa.AddAssistantMessageAsync(conversationId, "Are you still looking?");
        await wa.DeliverAsync(messageId, new Reply { Text = "Are you still looking?" });
        await wa.WaitForSendAsync(messageId, OutboxStatus.Cancelled);

        Assert.Single(wa.SentTo(to));
        var thread = await wa.QueryAsync(db => db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).Select(m => m.Text).ToListAsync());
        Assert.Equal("STOP", thread[0]);
    }

    [Fact]
    public async Task Oversized_message_is_refused_politely()
    {
        const string to = "+16505550306";
        wa.GraphAccepts(to);

        await wa.PostWebhookAsync(Notifications.Text("16505550306", "wamid.long-306", new string('a', 3000)));

        var sent = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the polite refusal");
        Assert.Equal("That message is a bit long for me. Could you send a shorter one, with what you're looking for?", (string?)sent[0]["text"]!["body"]);
    }

    [Fact]
    public async Task Status_callbacks_move_the_delivery_state_forward_and_never_back()
    {
        const string to = "+16505550307";
        wa.GraphAccepts(to, "wamid.status-307");
        var (_, _, messageId) = await wa.SeedThreadAsync(to, TimeSpan.FromMinutes(1));
        await wa.DeliverAsync(messageId, new Reply { Text = "Tracking me?" });
        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);

        await wa.PostWebhookAsync(Notifications.Status("wamid.status-307", "delivered", "16505550307"));
        await wa.EventuallyAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId), m => m.DeliveryStatus == Domain.Conversations.DeliveryStatus.Delivered);
        await wa.PostWebhookAsync(Notifications.Status("wamid.status-307", "read", "16505550307"));
        await wa.EventuallyAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId), m => m.DeliveryStatus == Domain.Conversations.DeliveryStatus.Read);
        // Meta does not promise order: a late "sent" must not undo "read".
        await wa.PostWebhookAsync(Notifications.Status("wamid.status-307", "sent", "16505550307"));
        await wa.EventuallyAsync(db => db.Inbox.AsNoTracking().SingleAsync(i => i.DedupeKey == "wamid.status-307:sent"), r => r.Status == InboxStatus.Done);

        Assert.Equal(Domain.Conversations.DeliveryStatus.Read, (await wa.MessageAsync(messageId)).DeliveryStatus);
    }

    [Fact]
    public async Task Failed_status_callback_stores_metas_error_on_the_message()
    {
        const string to = "+16505550308";
        wa.GraphAccepts(to, "wamid.failed-308");
        var (_, _, messageId) = await wa.SeedThreadAsync(to, TimeSpan.FromMinutes(1));
        await wa.DeliverAsync(messageId, new Reply { Text = "Will it land?" });
        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);

        await wa.PostWebhookAsync(Notifications.Status("wamid.failed-308", "failed", "16505550308", """
            [{"code":131047,"title":"Re-engagement message","message":"Re-engagement message",
              "error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
              "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]
            """));

        var message = await wa.EventuallyAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId),
            m => m.DeliveryStatus == Domain.Conversations.DeliveryStatus.Failed);
        Assert.StartsWith("WhatsApp error 131047: Re-engagement message", message.DeliveryError);
        Assert.Contains("more than 24 hours", message.DeliveryError);
    }
}
