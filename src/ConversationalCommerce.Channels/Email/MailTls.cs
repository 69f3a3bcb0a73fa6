using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email;

/// <summary>
/// How SMTP and IMAP connections check the server's certificate. By default exactly as the platform does (system trust
/// store, host name must match): nothing is set on the client. Only when <see cref="EmailOptions.TestOnlyTrustedCaFile"/>
/// is configured (tests, against servers with a CA made at test time) a certificate may also chain to that one CA; the
/// host name must still match and every other check still applies. There is no "accept any certificate" mode.
/// </summary>
public sealed class MailTls
{
    private readonly X509Certificate2? _extraRoot;

    public MailTls(IOptions<EmailOptions> options)
    {
        var path = options.Value.TestOnlyTrustedCaFile;
        if (!string.IsNullOrWhiteSpace(path)) _extraRoot = X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>Prepares a MailKit client before it connects.</summary>
    public void Apply(IMailService client)
    {
        if (_extraRoot is not null) client.ServerCertificateValidationCallback = Validate;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // Anything but an untrusted chain (no certificate, wrong host name) is refused whatever the CA.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_extraRoot!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
