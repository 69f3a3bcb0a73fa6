using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data.Scoping;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Email;

/// <summary>The https side of List-Unsubscribe (RFC 8058 one-click): the token names the thread, the thread the address.</summary>
public sealed class EmailUnsubscribe(ShopScope scope, EmailThreads threads, EmailContacts contacts, ILogger<EmailUnsubscribe> log)
{
    /// <returns>False when the token is unknown.</returns>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var thread = await threads.FindByUnsubscribeTokenAnyShopAsync(token, cancellationToken);
        if (thread is null) return false;
        scope.Set(thread.ShopId);
        await contacts.OptOutAsync(thread.CustomerAddress, EmailContacts.OptOutByLink, cancellationToken);
        log.LogInformation("Email unsubscribe recorded for conversation {ConversationId} (link)", thread.ConversationId);
        return true;
    }
}
