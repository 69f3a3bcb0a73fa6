using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Data.Inbox;

public enum InboxProcessOutcome
{
    /// <summary>Another worker holds the row, or it is finished, or not due yet.</summary>
    NotClaimed,
    Done,
    Ignored,
    RetryScheduled,
    Failed,
}

/// <summary>
/// Runs one inbox row: claims it atomically (Pending or lease-expired Processing -> Processing), runs the source's
/// handler in a fresh DI scope, then records Done, Ignored, a retry with backoff, or Failed after the last attempt.
/// </summary>
public sealed class InboxProcessor(
    IServiceScopeFactory scopes,
    IInboxDispatcher dispatcher,
    ActiveDatabase database,
    IOptions<InboxOptions> options,
    TimeProvider time,
    ILogger<InboxProcessor> log)
{
    private const int MaxErrorLength = 2000;
    // A delayed dispatch may fire a hair early; don't bounce it to the sweep for that.
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    /// <summary>The process-wide limit on rows applied at once (<see cref="InboxOptions.ApplyConcurrency"/>); null for none.</summary>
    private readonly SemaphoreSlim? _applyGate = GateFor(options.Value.ApplyConcurrency ?? (database.IsSqlite ? 1 : 0));

    private static SemaphoreSlim? GateFor(int limit) => limit > 0 ? new SemaphoreSlim(limit, limit) : null;

    public async Task<InboxProcessOutcome> ProcessAsync(Guid id, CancellationToken cancellationToken)
    {
        var gate = _applyGate;
        if (gate is null) return await ProcessOneAsync(id, cancellationToken);
        // Bounded: a handler stuck on its row must not stall every other row (nor the recovery of its own).
        var entered = await gate.WaitAsync(options.Value.ApplyGateWait, cancellationToken);
        if (!entered) log.LogDebug("Inbox {Id} applied beside the rows holding the apply limit (waited {Wait})", id, options.Value.ApplyGateWait);
        try
        {
            return await ProcessOneAsync(id, cancellationToken);
        }
        finally
        {
            if (entered) gate.Release();
        }
    }

    private async Task<InboxProcessOutcome> ProcessOneAsync(Guid id, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var message = await ClaimAsync(id, o, cancellationToken);
        if (message is null) return InboxProcessOutcome.NotClaimed;

        if (message.Attempts > o.MaxAttempts)
        {
            // Claimed again after its workers kept dying (lease expiries): a poison row, stop here.
            await FinishAsync(message, InboxStatus.Failed, message.Error ?? "Worker lost while processing; attempts exhausted.", cancellationToken);
            log.LogError("Inbox {Id} {Source} {Topic} failed: attempts exhausted by lost workers", id, message.Source, message.Topic);
            return InboxProcessOutcome.Failed;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (message.ShopId is { } shopId)
                scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
            var handler = scope.ServiceProvider.GetServices<IInboxHandler>().FirstOrDefault(h => h.Source == message.Source)
                ?? throw new InvalidOperationException($"No inbox handler is registered for source '{message.Source}'.");
            await handler.HandleAsync(message, cancellationToken);
        }
        catch (InboxMessageIgnoredException ex)
        {
            await FinishAsync(message, InboxStatus.Ignored, ex.Message, cancellationToken);
            log.LogInformation("Inbox {Id} {Source} {Topic} ignored: {Reason}", id, message.Source, message.Topic, ex.Message);
            return InboxProcessOutcome.Ignored;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the row back untouched so the next worker starts it fresh.
            await ReleaseAsync(message, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}");
            if (message.Attempts >= o.MaxAttempts)
            {
                await FinishAsync(message, InboxStatus.Failed, error, cancellationToken);
                log.LogError(ex, "Inbox {Id} {Source} {Topic} failed after {Attempts} attempts", id, message.Source, message.Topic, message.Attempts);
                return InboxProcessOutcome.Failed;
            }
            var delay = o.BackoffFor(message.Attempts);
            await RetryLaterAsync(message, error, delay, cancellationToken);
            log.LogWarning(ex, "Inbox {Id} {Source} {Topic} attempt {Attempts} failed; retrying in {Delay}", id, message.Source, message.Topic, message.Attempts, delay);
            dispatcher.Dispatch(id, delay);
            return InboxProcessOutcome.RetryScheduled;
        }

        await FinishAsync(message, InboxStatus.Done, null, cancellationToken);
        return InboxProcessOutcome.Done;
    }

    private async Task<InboxMessage?> ClaimAsync(Guid id, InboxOptions o, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        var dueBy = now + DueTolerance;
        DateTimeOffset? lease = now + o.Lease;
        // One UPDATE ... WHERE decides the race on every provider: only one worker sees a row count of 1.
        var claimed = await db.Inbox
            .Where(m => m.Id == id
                && ((m.Status == InboxStatus.Pending && m.NextAttemptAt <= dueBy)
                    || (m.Status == InboxStatus.Processing && m.LeaseExpiresAt < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, InboxStatus.Processing)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LeaseExpiresAt, lease), cancellationToken);
        if (claimed == 0) return null;
        return await db.Inbox.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>Writes only while we still own the claim (same attempt number), so a worker whose lease lapsed cannot overwrite its successor.</summary>
    private async Task FinishAsync(InboxMessage message, InboxStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset? processedAt = time.GetUtcNow();
        DateTimeOffset? noLease = null;
        await OwnedRow(db, message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Error, error)
            .SetProperty(m => m.ProcessedAt, processedAt)
            .SetProperty(m => m.LeaseExpiresAt, noLease), CancellationToken.None);
    }

    private async Task RetryLaterAsync(InboxMessage message, string error, TimeSpan delay, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var next = time.GetUtcNow() + delay;
        DateTimeOffset? noLease = null;
        await OwnedRow(db, message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, InboxStatus.Pending)
            .SetProperty(m => m.Error, error)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LeaseExpiresAt, noLease), CancellationToken.None);
    }

    private async Task ReleaseAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset? noLease = null;
        await OwnedRow(db, message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, InboxStatus.Pending)
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.LeaseExpiresAt, noLease), cancellationToken);
    }

    private static IQueryable<InboxMessage> OwnedRow(AppDbContext db, InboxMessage message) =>
        db.Inbox.Where(m => m.Id == message.Id && m.Status == InboxStatus.Processing && m.Attempts == message.Attempts);

    private static string Truncate(string s) => s.Length <= MaxErrorLength ? s : s[..MaxErrorLength];
}
