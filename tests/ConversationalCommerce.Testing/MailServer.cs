using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConversationalCommerce.Testing;

/// <summary>
/// A real mail system on loopback for one test class: Postfix accepts SMTP and hands every message over LMTP to
/// Dovecot, which serves the mailboxes over IMAP. Both run as root from a private directory (own config, queue,
/// ports, passwd-file users; no system service). Installed by scripts/test.sh (dovecot-imapd, dovecot-lmtpd, postfix).
/// Mail to any address with a "+detail" on a catch-all domain lands in that domain's catch-all mailbox, like a
/// shop's reply+token@ addresses in production; every other *.test address has its own mailbox. Nothing is relayed:
/// mail for any other domain is refused with 554, a real permanent SMTP error.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    public const string Password = "secret";
    private readonly string _root;
    private readonly List<string> _log = [];

    public int SmtpPort { get; }
    /// <summary>IMAP; with TLS on it also offers STARTTLS.</summary>
    public int ImapPort { get; }
    /// <summary>IMAP over implicit TLS (IMAPS); 0 without TLS.</summary>
    public int ImapsPort { get; }
    public string Host => "127.0.0.1";
    /// <summary>The generated CA and server certificate when started with TLS, else null.</summary>
    public TestCertificates? Certificates { get; private set; }

    private MailServer(string root, int smtpPort, int imapPort, int imapsPort)
    {
        _root = root;
        SmtpPort = smtpPort;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
    }

    /// <param name="mailboxes">Addresses with an IMAP login (password <see cref="Password"/>).</param>
    /// <param name="catchAll">Domain -> mailbox that receives every plus-addressed mail of the domain.</param>
    /// <param name="tls">
    /// Serve TLS with a certificate from a CA generated now (<see cref="Certificates"/>): Postfix offers STARTTLS on
    /// SMTP, Dovecot STARTTLS on IMAP and implicit TLS on <see cref="ImapsPort"/>. Plain connections still work.
    /// </param>
    public static async Task<MailServer> StartAsync(IEnumerable<string> mailboxes, IReadOnlyDictionary<string, string>? catchAll = null, bool tls = false)
    {
        if (!File.Exists("/usr/sbin/dovecot") || !File.Exists("/usr/sbin/postfix"))
            throw new InvalidOperationException("Dovecot and Postfix are not installed (scripts/test.sh installs dovecot-imapd, dovecot-lmtpd and postfix).");
        var boxes = mailboxes.ToList();
        // A free port is only free when asked: another process can bind it before the daemon does (seen once in CI:
        // "bind 127.0.0.1 port 40761: Address already in use"). Fresh ports then, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(boxes, catchAll, tls);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<MailServer> StartOnceAsync(List<string> mailboxes, IReadOnlyDictionary<string, string>? catchAll, bool tls)
    {
        // Short path: Dovecot's unix sockets live under it.
        var root = Path.Combine("/tmp", "ccmail-" + Guid.NewGuid().ToString("N")[..10]);
        var (smtp, imap, lmtp) = (FreePort(), FreePort(), FreePort());
        var server = new MailServer(root, smtp, imap, tls ? FreePort() : 0);
        try
        {
            if (tls) server.Certificates = TestCertificates.Create(Path.Combine(root, "tls"));
            await server.WriteConfigAsync(mailboxes, catchAll ?? new Dictionary<string, string>(), lmtp);
            await server.RunDaemonAsync("/usr/sbin/dovecot", $"-c {root}/dovecot.conf", "dovecot.out");
            await server.RunDaemonAsync("/usr/sbin/postfix", $"-c {root}/pf start", "postfix.out");
            await WaitForPortAsync(imap);
            await WaitForPortAsync(lmtp);
            await WaitForPortAsync(smtp);
            if (tls) await WaitForPortAsync(server.ImapsPort);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Postfix's and Dovecot's logs, for assertion messages when delivery did not happen.</summary>
    public string Logs()
    {
        var parts = new[] { "postfix.log", "dovecot.log" }.Select(f => Path.Combine(_root, f)).Where(File.Exists)
            .Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}");
        return string.Join('\n', parts.Concat(_log));
    }

    private async Task WriteConfigAsync(List<string> mailboxes, IReadOnlyDictionary<string, string> catchAll, int lmtpPort)
    {
        Directory.CreateDirectory(_root);
        foreach (var d in new[] { "run", "state", "mail", "pf", "pfq", "pfdata" }) Directory.CreateDirectory(Path.Combine(_root, d));
        await RunAsync("/bin/chown", $"mail:mail {_root}/mail");
        await RunAsync("/bin/chown", $"postfix {_root}/pfdata");
        await File.WriteAllLinesAsync(Path.Combine(_root, "users"), mailboxes.Select(m => $"{m}:{{PLAIN}}{Password}::::::"));
        await File.WriteAllTextAsync(Path.Combine(_root, "dovecot.conf"), $$"""
            base_dir = {{_root}}/run
            state_dir = {{_root}}/state
            log_path = {{_root}}/dovecot.log
            info_log_path = {{_root}}/dovecot.log
            protocols = imap lmtp
            listen = 127.0.0.1
            {{SslSettings()}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 8
            last_valid_uid = 8
            recipient_delimiter = +
            default_login_user = dovenull
            default_internal_user = dovecot
            mail_location = maildir:~/Maildir
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_root}}/users
            }
            userdb {
              driver = static
              args = uid=mail gid=mail home={{_root}}/mail/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{ImapsPort}}
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{lmtpPort}}
              }
            }
            service anvil {
              chroot =
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "pf", "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {_root}/pfq
            data_directory = {_root}/pfdata
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = mail.test
            mydomain = test
            myorigin = mail.test
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            mydestination = regexp:{_root}/pf/destinations
            local_recipient_maps =
            alias_maps =
            alias_database =
            local_transport = lmtp:inet:127.0.0.1:{lmtpPort}
            virtual_alias_maps = regexp:{_root}/pf/virtual
            smtputf8_enable = no
            biff = no
            maillog_file_prefixes = {_root}
            maillog_file = {_root}/postfix.log
            smtpd_relay_restrictions = reject_unauth_destination
            message_size_limit = 52428800
            {PostfixTls()}
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "pf", "destinations"), "/\\.test$/ ok\n");
        await File.WriteAllLinesAsync(Path.Combine(_root, "pf", "virtual"),
            catchAll.Select(c => $"/^[^@+]+\\+[^@]*@{System.Text.RegularExpressions.Regex.Escape(c.Key)}$/ {c.Value}").DefaultIfEmpty("# none"));
        await File.WriteAllTextAsync(Path.Combine(_root, "pf", "master.cf"), $"""
            127.0.0.1:{SmtpPort} inet n - n - - smtpd
            pickup    unix  n       -       n       60      1       pickup
            cleanup   unix  n       -       n       -       0       cleanup
            qmgr      unix  n       -       n       300     1       qmgr
            tlsmgr    unix  -       -       n       1000?   1       tlsmgr
            rewrite   unix  -       -       n       -       -       trivial-rewrite
            bounce    unix  -       -       n       -       0       bounce
            defer     unix  -       -       n       -       0       bounce
            trace     unix  -       -       n       -       0       bounce
            verify    unix  -       -       n       -       1       verify
            flush     unix  n       -       n       1000?   0       flush
            proxymap  unix  -       -       n       -       -       proxymap
            proxywrite unix -       -       n       -       1       proxymap
            smtp      unix  -       -       n       -       -       smtp
            relay     unix  -       -       n       -       -       smtp
            showq     unix  n       -       n       -       -       showq
            error     unix  -       -       n       -       -       error
            retry     unix  -       -       n       -       -       error
            discard   unix  -       -       n       -       -       discard
            local     unix  -       n       n       -       -       local
            lmtp      unix  -       -       n       -       -       lmtp
            anvil     unix  -       -       n       -       1       anvil
            scache    unix  -       -       n       -       1       scache
            postlog   unix-dgram n  -       n       -       1       postlogd
            """);
    }

    private string SslSettings() => Certificates is not { } c ? "ssl = no" : $"""
        ssl = yes
        ssl_cert = <{c.ServerCertificatePath}
        ssl_key = <{c.ServerKeyPath}
        ssl_min_protocol = TLSv1.2
        """;

    private string PostfixTls() => Certificates is not { } c ? "" : $"""
        smtpd_tls_security_level = may
        smtpd_tls_chain_files = {c.ServerKeyPath}, {c.ServerCertificatePath}
        smtpd_tls_loglevel = 1
        smtpd_tls_received_header = yes
        """;

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_root, "pf", "main.cf")))
            await RunDaemonAsync("/usr/sbin/postfix", $"-c {_root}/pf stop", "postfix-stop.out", throwOnError: false);
        var pidFile = Path.Combine(_root, "run", "master.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            try
            {
                using var dovecot = Process.GetProcessById(pid);
                dovecot.Kill();
                await dovecot.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OperationCanceledException) { }
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task RunAsync(string file, string args, bool throwOnError = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        _log.Add($"$ {file} {args} -> {process.ExitCode}\n{await stdout}{await stderr}");
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} exited with {process.ExitCode}:\n{Logs()}");
    }

    /// <summary>
    /// Starts a program that daemonizes. Its output goes to a file, never a pipe: the daemon inherits the descriptors
    /// and would hold a pipe open for as long as it runs.
    /// </summary>
    private async Task RunDaemonAsync(string file, string args, string outputFile, bool throwOnError = true)
    {
        var output = Path.Combine(_root, outputFile);
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"exec {file} {args} >'{output}' 2>&1 </dev/null"])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        var text = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
        _log.Add($"$ {file} {args} -> {process.ExitCode}\n{text}");
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} exited with {process.ExitCode}:\n{Logs()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException($"Nothing listens on 127.0.0.1:{port}.");
    }
}
