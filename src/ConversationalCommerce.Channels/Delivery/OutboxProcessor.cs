using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Delivery;

public enum OutboxProcessOutcome
{
    /// <summary>Finished already, held by another worker, or not due yet.</summary>
    NotClaimed,
    /// <summary>An earlier send of the same conversation is unfinished; that one dispatches this when it is done.</summary>
    WaitingForEarlier,
    Sent,
    RetryScheduled,
    Failed,
    /// <summary>Not sent: the recipient opted out.</summary>
    Cancelled,
}

/// <summary>
/// Sends one outbox row: in order per conversation, claimed atomically (the claim reserves the row for a lease), in
/// a fresh scope acting for the row's shop, after the consent check. Retryable failures come back with backoff (or
/// the provider's Retry-After); permanent ones are stored on the message for the merchant to see.
/// </summary>
public sealed class OutboxProcessor(
    IServiceScopeFactory scopes,
    IOutboxDispatcher dispatcher,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxProcessor> log)
{
    private const int MaxRowError = 2000;
    private const int MaxMessageError = 1000;
    /// <summary>
    /// Delayed jobs are scheduled a second late on purpose (see HangfireOutboxDispatcher), so only clock rounding needs
    /// slack here. A whole second let a second job for the same row (start-up sweep, a redelivery) send again before
    /// the provider's Retry-After.
    /// </summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromMilliseconds(50);

    public async Task<OutboxProcessOutcome> ProcessAsync(Guid id, CancellationToken cancellationToken)
    {
        var o = options.Value;
        OutboxMessage? row;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            row = await db.Outbox.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (row is null || row.Status != OutboxStatus.Pending) return OutboxProcessOutcome.NotClaimed;
            if (await HasEarlierUnfinishedAsync(db, row, cancellationToken)) return OutboxProcessOutcome.WaitingForEarlier;
            if (!await ClaimAsync(db, row, o, cancellationToken)) return OutboxProcessOutcome.NotClaimed;
        }

        var attempt = row.Attempts + 1;
        SendResult result;
        var cancelled = false;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ShopScope>().Set(row.ShopId);
            try
            {
                var payload = OutboxPayload.FromJson(row.PayloadJson);
                if (await scope.ServiceProvider.GetRequiredService<DeliveryConsent>().IsOptedOutAsync(row, payload, cancellationToken))
                {
                    cancelled = true;
                    result = SendResult.Fail("Not sent: the customer opted out of messages on this channel.");
                }
                else
                {
                    var sender = scope.ServiceProvider.GetServices<IChannelSender>().FirstOrDefault(s => s.Channel == row.Channel);
                    result = sender is null
                        ? SendResult.Fail($"No sender is configured for the {row.Channel} channel.")
                        : await sender.SendAsync(row, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(row, attempt);
                throw;
            }
            catch (JsonException ex)
            {
                result = SendResult.Fail($"Unreadable outbox payload: {ex.Message}");
            }
            catch (Exception ex)
            {
                // Timeouts, refused connections: transient as far as we can tell.
                result = SendResult.Retry($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        var outcome = await RecordAsync(row, attempt, result, cancelled, o);
        if (outcome != OutboxProcessOutcome.RetryScheduled) await DispatchNextAsync(row);
        return outcome;
    }

    /// <summary>Earlier rows of the thread that are not finished (pending, in flight or waiting for a retry) go first.</summary>
    private static Task<bool> HasEarlierUnfinishedAsync(AppDbContext db, OutboxMessage row, CancellationToken cancellationToken) =>
        db.Outbox.IgnoreQueryFilters().AsNoTracking().AnyAsync(m => m.ConversationId == row.ConversationId
            && m.Status == OutboxStatus.Pending && m.Id != row.Id && m.CreatedAt < row.CreatedAt, cancellationToken);

    /// <summary>One conditional UPDATE decides races; the claim pushes NextAttemptAt out by the lease, so the row is not due to anyone else.</summary>
    private async Task<bool> ClaimAsync(AppDbContext db, OutboxMessage row, OutboxOptions o, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? dueBy = now + DueTolerance;
        DateTimeOffset? lease = now + o.Lease;
        var attempts = row.Attempts;
        var claimed = await db.Outbox.IgnoreQueryFilters()
            .Where(m => m.Id == row.Id && m.Status == OutboxStatus.Pending && m.Attempts == attempts
                && (m.NextAttemptAt == null || m.NextAttemptAt <= dueBy))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.NextAttemptAt, lease), cancellationToken);
        return claimed == 1;
    }

    private async Task<OutboxProcessOutcome> RecordAsync(OutboxMessage row, int attempt, SendResult result, bool cancelled, OutboxOptions o)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(row.ShopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tracked = await db.Outbox.FirstOrDefaultAsync(m => m.Id == row.Id && m.Attempts == attempt && m.Status == OutboxStatus.Pending);
        // Our claim lapsed and another worker took the row over: it records the outcome, not us.
        if (tracked is null) return OutboxProcessOutcome.NotClaimed;
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == row.MessageId);
        var now = time.GetUtcNow();

        OutboxProcessOutcome outcome;
        if (result.Success)
        {
            tracked.Status = OutboxStatus.Sent;
            tracked.SentAt = now;
            tracked.NextAttemptAt = null;
            tracked.Error = null;
            tracked.ProviderMessageId = result.ProviderMessageId;
            if (message is not null && message.DeliveryStatus is DeliveryStatus.None or DeliveryStatus.Queued)
            {
                message.DeliveryStatus = DeliveryStatus.Sent;
                message.DeliveryError = null;
            }
            outcome = OutboxProcessOutcome.Sent;
        }
        else if (!result.Permanent && attempt < o.MaxAttempts)
        {
            var delay = o.DelayFor(attempt, result.RetryAfter);
            tracked.NextAttemptAt = now + delay;
            tracked.Error = Truncate(result.Error, MaxRowError);
            outcome = OutboxProcessOutcome.RetryScheduled;
            log.LogWarning("Outbox {Id} on {Channel} attempt {Attempt} failed ({Error}); retrying in {Delay}",
                row.Id, row.Channel, attempt, result.Error, delay);
            await db.SaveChangesAsync(CancellationToken.None);
            dispatcher.Dispatch(row.Id, delay);
            return outcome;
        }
        else
        {
            var error = result.Permanent ? result.Error : $"Gave up after {attempt} attempts: {result.Error}";
            tracked.Status = cancelled ? OutboxStatus.Cancelled : OutboxStatus.Failed;
            tracked.NextAttemptAt = null;
            tracked.Error = Truncate(error, MaxRowError);
            if (message is not null)
            {
                message.DeliveryStatus = DeliveryStatus.Failed;
                message.DeliveryError = Truncate(error, MaxMessageError);
            }
            outcome = cancelled ? OutboxProcessOutcome.Cancelled : OutboxProcessOutcome.Failed;
            if (cancelled) log.LogInformation("Outbox {Id} on {Channel} cancelled: recipient opted out", row.Id, row.Channel);
            else log.LogError("Outbox {Id} on {Channel} failed permanently: {Error}", row.Id, row.Channel, error);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return outcome;
    }

    /// <summary>A send that stopped half-way for shutdown: give the attempt back, due at once for the next worker.</summary>
    private async Task ReleaseAsync(OutboxMessage row, int attempt)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset? now = time.GetUtcNow();
        await db.Outbox.IgnoreQueryFilters()
            .Where(m => m.Id == row.Id && m.Attempts == attempt && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts - 1).SetProperty(m => m.NextAttemptAt, now));
    }

    private async Task DispatchNextAsync(OutboxMessage row)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var next = await db.Outbox.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ConversationId == row.ConversationId && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Id, m.NextAttemptAt })
            .FirstOrDefaultAsync();
        if (next is null) return;
        var delay = next.NextAttemptAt is { } at ? at - time.GetUtcNow() : TimeSpan.Zero;
        dispatcher.Dispatch(next.Id, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
