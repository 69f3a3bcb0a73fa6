using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Tests.WhatsApp;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Delivery;

/// <summary>Sends survive a crash: the start-up sweep finds unfinished rows whose jobs were lost and sends them.</summary>
public sealed class OutboxRecoveryTests
{
    [Fact]
    public async Task Send_left_unfinished_by_a_crashed_process_goes_out_after_restart()
    {
        const string to = "+16505550701";
        using var data = new TestDataDirectory();
        var before = new WhatsAppTestApp { ConnectionString = data.SqliteConnectionString };
        await before.InitializeAsync();
        try
        {
            before.GraphAccepts(to, "wamid.after-restart");
            var (_, conversationId, messageId) = await before.SeedThreadAsync(to, TimeSpan.FromMinutes(2), "Sent after the restart");
            await before.WithScopeAsync(async s =>
            {
                // As a process that died mid-send leaves it: claimed once, lease lapsed, no job anywhere.
                var db = s.GetRequiredService<AppDbContext>();
                db.Outbox.Add(new OutboxMessage
                {
                    ConversationId = conversationId, MessageId = messageId, Channel = Domain.Conversations.Channel.WhatsApp, Recipient = to,
                    PayloadJson = new OutboxPayload(new Reply { Text = "Sent after the restart" }).ToJson(), Status = OutboxStatus.Pending,
                    Attempts = 1, CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-3), NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                });
                return await db.SaveChangesAsync();
            });
            await before.App.DisposeAsync();
            Assert.Empty(before.SentTo(to));

            using var after = new AppFactory()
                .WithSetting("ConnectionStrings:Default", data.SqliteConnectionString)
                .WithSetting("WhatsApp:GraphApiBaseUrl", before.Graph.Url)
                .WithSetting("WhatsApp:ApiVersion", WhatsAppTestApp.ApiVersion);
            _ = after.Services; // starts the host: migrations, then the start-up sweep

            var deadline = DateTime.UtcNow.AddSeconds(20);
            OutboxMessage? row = null;
            while (DateTime.UtcNow < deadline)
            {
                await using var scope = after.Services.CreateAsyncScope();
                row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.MessageId == messageId);
                if (row.Status == OutboxStatus.Sent) break;
                await Task.Delay(50);
            }
            Assert.Equal(OutboxStatus.Sent, row?.Status);
            Assert.Equal(2, row!.Attempts);
            Assert.Equal("wamid.after-restart", row.ProviderMessageId);
            Assert.Equal("Sent after the restart", (string?)Assert.Single(before.SentTo(to))["text"]!["body"]);
        }
        finally
        {
            before.Graph.Stop();
            before.Graph.Dispose();
        }
    }
}
