using System.Net.Sockets;
using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Settings;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConversationalCommerce.Channels.Email.Outbound;

/// <summary>
/// Hands one message to the shop's SMTP server and says what the outbox should do: 2xx Sent, 4xx and network
/// trouble Retry, 5xx (and refused credentials) Fail.
/// </summary>
public sealed class SmtpDelivery(IOptions<EmailOptions> options, MailTls tls, ILogger<SmtpDelivery> log)
{
    public async Task<SendResult> SendAsync(ShopEmailSettings settings, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)options.Value.SmtpTimeout.TotalMilliseconds };
        tls.Apply(client);
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureOptions(settings.SmtpTls), cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SendResult.Sent("<" + message.MessageId + ">");
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            log.LogWarning("SMTP {Host} answered {Code} ({Error}) to {Command}", settings.SmtpHost, code, ex.ErrorCode, ex.Message);
            var error = $"SMTP {code} {ex.ErrorCode}: {ex.Message}";
            return code >= 500 ? SendResult.Fail(error) : SendResult.Retry(error);
        }
        catch (SslHandshakeException ex)
        {
            // An untrusted or mismatched certificate (or no TLS where the settings ask for it): nothing is sent in clear.
            log.LogWarning("SMTP {Host}:{Port} TLS handshake failed: {Error}", settings.SmtpHost, settings.SmtpPort, ex.Message);
            return SendResult.Retry($"SMTP TLS handshake failed (certificate not trusted or TLS unavailable): {ex.Message}");
        }
        catch (AuthenticationException ex)
        {
            log.LogWarning("SMTP {Host} refused the credentials", settings.SmtpHost);
            return SendResult.Fail($"SMTP authentication failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException
                                       || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("SMTP {Host}:{Port} unavailable: {Error}", settings.SmtpHost, settings.SmtpPort, ex.Message);
            return SendResult.Retry($"SMTP unavailable: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public static SecureSocketOptions SecureOptions(EmailTlsMode mode) => mode switch
    {
        EmailTlsMode.None => SecureSocketOptions.None,
        EmailTlsMode.StartTls => SecureSocketOptions.StartTls,
        EmailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
