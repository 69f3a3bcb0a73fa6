namespace ConversationalCommerce.Channels.Email;

/// <summary>App-wide email settings, bound from "Email". Per-shop servers and credentials live in <see cref="Settings.ShopEmailSettings"/>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Public https base of the app, for one-click unsubscribe links (e.g. https://app.example.com).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
    /// <summary>Attachments above this total are dropped before the message is stored (the text is still answered).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>A raw message above this is refused outright (webhook 413, IMAP: marked seen and skipped).</summary>
    public long MaxMessageBytes { get; set; } = 40 * 1024 * 1024;
    /// <summary>How often a mailbox without IDLE is polled, and the longest one IDLE lasts before a fresh check.</summary>
    public TimeSpan ImapPollInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often the poller looks for shops whose IMAP settings appeared, changed or went away.</summary>
    public TimeSpan ImapShopRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Wait after a mailbox error before reconnecting.</summary>
    public TimeSpan ImapReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// With several app nodes, one node watches a shop's mailbox: it holds the mailbox's lease (table Leases) and renews
    /// it every third of this; when it stops or dies, another node takes the mailbox over once the lease lapses.
    /// </summary>
    public TimeSpan ImapLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Run the IMAP poller at all (off for CLI commands and tests that don't need it).</summary>
    public bool ImapPollingEnabled { get; set; } = true;
    /// <summary>A mail whose References carry more of our own Message-IDs than this is taken for a loop.</summary>
    public int LoopReferenceLimit { get; set; } = 20;
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// TEST ONLY: a PEM file of one extra CA that mail servers' certificates may chain to (the tests' Postfix/Dovecot
    /// use a CA generated at test time). Leave empty in production, where certificates are validated against the
    /// system trust store; the app refuses to start with it outside the Development and Testing environments.
    /// </summary>
    public string? TestOnlyTrustedCaFile { get; set; }
}
