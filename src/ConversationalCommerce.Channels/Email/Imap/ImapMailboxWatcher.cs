using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ConversationalCommerce.Channels.Email.Imap;

/// <summary>
/// Watches one shop's IMAP INBOX: stores every unseen mail in the inbox table, then flags it \Seen (only after it
/// is stored, so a crash re-reads rather than loses it; the dedupe key absorbs the repeat). Waits with IDLE when
/// the server has it, else polls.
/// </summary>
public sealed class ImapMailboxWatcher(
    Guid shopId,
    string shopDomain,
    ShopEmailSettings settings,
    IServiceScopeFactory scopes,
    EmailOptions options,
    MailTls tls,
    ILogger log)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning("IMAP {Host} for {Shop} failed ({Error}); reconnecting in {Delay}",
                    settings.ImapHost, shopDomain, $"{ex.GetType().Name}: {ex.Message}", options.ImapReconnectDelay);
                try { await Task.Delay(options.ImapReconnectDelay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        tls.Apply(client);
        await client.ConnectAsync(settings.ImapHost!, settings.ImapPort, SmtpDelivery.SecureOptions(settings.ImapTls), stoppingToken);
        await client.AuthenticateAsync(settings.ImapUser!, settings.ImapPassword ?? "", stoppingToken);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, stoppingToken);
        log.LogInformation("IMAP watching {Shop} (IDLE {Idle})", shopDomain, client.Capabilities.HasFlag(ImapCapabilities.Idle));

        while (!stoppingToken.IsCancellationRequested)
        {
            await FetchUnseenAsync(inbox, stoppingToken);
            await WaitForMailAsync(client, inbox, stoppingToken);
        }
        await client.DisconnectAsync(true, CancellationToken.None);
    }

    private async Task FetchUnseenAsync(IMailFolder inbox, CancellationToken stoppingToken)
    {
        var unseen = await inbox.SearchAsync(SearchQuery.NotSeen, stoppingToken);
        if (unseen.Count == 0) return;
        var summaries = await inbox.FetchAsync(unseen, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, stoppingToken);
        foreach (var summary in summaries.OrderBy(s => s.UniqueId))
        {
            if (summary.Size > options.MaxMessageBytes)
            {
                log.LogWarning("IMAP mail {Uid} for {Shop} skipped: {Size} bytes is over the limit", summary.UniqueId, shopDomain, summary.Size);
                await inbox.AddFlagsAsync(summary.UniqueId, MessageFlags.Seen, true, stoppingToken);
                continue;
            }
            var message = await inbox.GetMessageAsync(summary.UniqueId, stoppingToken);
            using var raw = new MemoryStream();
            await message.WriteToAsync(FormatOptions.Default, raw, stoppingToken);
            raw.Position = 0;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var intake = scope.ServiceProvider.GetRequiredService<EmailIntake>();
                var (result, _) = await intake.AcceptAsync(shopId, shopDomain, raw, "imap", stoppingToken);
                log.LogDebug("IMAP mail {Uid} for {Shop}: {Result}", summary.UniqueId, shopDomain, result);
            }
            await inbox.AddFlagsAsync(summary.UniqueId, MessageFlags.Seen, true, stoppingToken);
        }
    }

    /// <summary>IDLE until the server reports new mail or the poll interval passes (servers drop IDLE after ~30 min); else a plain wait.</summary>
    private async Task WaitForMailAsync(ImapClient client, IMailFolder inbox, CancellationToken stoppingToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(options.ImapPollInterval, stoppingToken);
            await inbox.CheckAsync(stoppingToken);
            return;
        }
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        done.CancelAfter(options.ImapPollInterval);
        void OnArrived(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += OnArrived;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            inbox.CountChanged -= OnArrived;
        }
    }
}
