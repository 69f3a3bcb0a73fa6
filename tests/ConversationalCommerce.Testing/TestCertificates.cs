using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConversationalCommerce.Testing;

/// <summary>
/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 / localhost, made at test time
/// (nothing checked in, nothing installed in the machine's trust store). Servers get the PEM files; the app trusts the
/// CA only through its explicit test-only setting.
/// </summary>
public sealed class TestCertificates
{
    public required string CaCertificatePath { get; init; }
    public required string ServerCertificatePath { get; init; }
    public required string ServerKeyPath { get; init; }
    public required X509Certificate2 Ca { get; init; }

    public static TestCertificates Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=ConversationalCommerce Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), serial);

        var caPath = Path.Combine(directory, "ca.pem");
        var certPath = Path.Combine(directory, "server.pem");
        var keyPath = Path.Combine(directory, "server.key");
        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");
        // The chain a server presents: its certificate, then the CA.
        File.WriteAllText(certPath, server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, serverKey.ExportRSAPrivateKeyPem() + "\n");
        return new TestCertificates
        {
            CaCertificatePath = caPath, ServerCertificatePath = certPath, ServerKeyPath = keyPath,
            Ca = X509CertificateLoader.LoadCertificate(ca.RawData),
        };
    }
}
