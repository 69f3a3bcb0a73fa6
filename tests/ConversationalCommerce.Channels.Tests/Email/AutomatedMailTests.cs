using System.Text;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Threads;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>What we never answer (RFC 3834): auto-replies, bounces and loops; people's mail passes.</summary>
public sealed class AutomatedMailTests
{
    private const string Marker = "inbox@shop.test";

    [Theory]
    [InlineData("Auto-Submitted: auto-replied\r\n")]
    [InlineData("Auto-Submitted: auto-generated\r\n")]
    [InlineData("X-Autoreply: yes\r\n")]
    [InlineData("X-Autorespond: Out of office\r\n")]
    [InlineData("Precedence: bulk\r\n")]
    [InlineData("Precedence: junk\r\n")]
    [InlineData("Precedence: list\r\n")]
    [InlineData("List-Id: <news.example.com>\r\n")]
    public void Auto_reply_headers_are_recognised(string header) =>
        Assert.Equal(AutomatedKind.AutoReply, Classify(header, "Re: your picks").Kind);

    [Fact]
    public void Out_of_office_subject_is_an_auto_reply() =>
        Assert.Equal(AutomatedKind.AutoReply, Classify("", "Out of Office: back on Monday").Kind);

    [Fact]
    public void Auto_submitted_no_is_a_person() => Assert.Equal(AutomatedKind.None, Classify("Auto-Submitted: no\r\n", "Re: picks").Kind);

    [Fact]
    public void Delivery_status_report_is_a_bounce()
    {
        var raw = "From: Mail Delivery System <MAILER-DAEMON@mail.test>\r\nTo: inbox@shop.test\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
                  "Message-ID: <bounce1@mail.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
                  "--b\r\nContent-Type: text/plain\r\n\r\nThis is the mail system.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n" +
                  "Reporting-MTA: dns; mail.test\r\n\r\nFinal-Recipient: rfc822; nobody@customer.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n";
        Assert.Equal(AutomatedKind.Bounce, AutomatedMail.Classify(Load(raw), Marker, 20).Kind);
    }

    [Fact]
    public void Mailer_daemon_sender_and_empty_return_path_are_bounces()
    {
        Assert.Equal(AutomatedKind.Bounce, AutomatedMail.Classify(Load(Mail("", "Failure", from: "MAILER-DAEMON@mail.test")), Marker, 20).Kind);
        Assert.Equal(AutomatedKind.Bounce, Classify("Return-Path: <>\r\n", "Notice").Kind);
    }

    [Fact]
    public void Our_x_loop_marker_is_a_loop() => Assert.Equal(AutomatedKind.Loop, Classify("X-Loop: inbox@shop.test\r\n", "Re: picks").Kind);

    [Fact]
    public void References_with_too_many_of_our_own_ids_are_a_loop()
    {
        var ours = string.Join(' ', Enumerable.Range(0, 21).Select(_ => $"<{EmailAddresses.MessageId(Guid.NewGuid(), "shop.test")}>"));
        Assert.Equal(AutomatedKind.Loop, Classify($"References: {ours}\r\n", "Re: picks").Kind);
        var few = string.Join(' ', Enumerable.Range(0, 5).Select(_ => $"<{EmailAddresses.MessageId(Guid.NewGuid(), "shop.test")}>"));
        Assert.Equal(AutomatedKind.None, Classify($"References: {few}\r\n", "Re: picks").Kind);
    }

    [Fact]
    public void A_plain_customer_reply_is_answered() => Assert.Equal(AutomatedKind.None, Classify("", "Re: your picks").Kind);

    private static (AutomatedKind Kind, string Reason) Classify(string headers, string subject) =>
        AutomatedMail.Classify(Load(Mail(headers, subject)), Marker, 20);

    private static string Mail(string headers, string subject, string from = "anna@customer.test") =>
        $"From: {from}\r\nTo: inbox@shop.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\n{headers}\r\nHello\r\n";

    private static MimeMessage Load(string raw) => InboundEmail.Parse(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
}
