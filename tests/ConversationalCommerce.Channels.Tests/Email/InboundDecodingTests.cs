using System.Text;
using ConversationalCommerce.Channels.Email.Inbound;
using MimeKit;

namespace ConversationalCommerce.Channels.Tests.Email;

/// <summary>Mail in other charsets and HTML-only mail reaches the engine as the text the sender wrote.</summary>
public sealed class InboundDecodingTests
{
    // Raw bytes written out, so the test does not register code pages itself: the app must decode them on its own.
    private static readonly byte[] ShiftJisText = [0x95,0xEA,0x82,0xD6,0x82,0xCC,0x83,0x76,0x83,0x8C,0x83,0x5B,0x83,0x93,0x83,0x67,0x82,0xF0,0x92,0x54,0x82,0xB5,0x82,0xC4,0x82,0xA2,0x82,0xDC,0x82,0xB7,0x0D,0x0A];
    private static readonly byte[] Windows1252Text = [0x49,0x92,0x64,0x20,0x6C,0x69,0x6B,0x65,0x20,0x74,0x68,0x65,0x20,0x93,0x77,0x6F,0x6F,0x6C,0x20,0x73,0x63,0x61,0x72,0x66,0x94,0x20,0x75,0x6E,0x64,0x65,0x72,0x20,0x34,0x30,0x20,0x80,0x0D,0x0A];
    private static readonly byte[] Latin1Text = [0x4A,0x65,0x20,0x63,0x68,0x65,0x72,0x63,0x68,0x65,0x20,0x75,0x6E,0x20,0x63,0x61,0x64,0x65,0x61,0x75,0x20,0xE0,0x20,0x6D,0x6F,0x69,0x6E,0x73,0x20,0x64,0x65,0x20,0x35,0x30,0x2E,0x20,0x43,0x72,0xE8,0x6D,0x65,0x20,0x62,0x72,0xFB,0x6C,0xE9,0x65,0x2E,0x0D,0x0A];

    [Fact]
    public void Iso_8859_1_quoted_printable_body_and_encoded_subject_decode()
    {
        var head = Encoding.ASCII.GetBytes(
            "From: =?ISO-8859-1?Q?Ren=E9e_M=FCller?= <renee@customer.test>\r\nTo: inbox@shop.test\r\nSubject: =?ISO-8859-1?Q?Cadeau_pour_No=EBl?=\r\n" +
            "Message-ID: <latin1@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        var mail = Read([.. head, .. Latin1Text]);
        Assert.Equal("Cadeau pour Noël", mail.Subject);
        Assert.Equal("Renée Müller", mail.FromName);
        Assert.Equal("Je cherche un cadeau à moins de 50. Crème brûlée.", mail.NewText);
    }

    [Fact]
    public void Windows_1252_eight_bit_body_decodes_curly_quotes_and_euro()
    {
        var body = Windows1252Text;
        var head = Encoding.ASCII.GetBytes("From: a@customer.test\r\nTo: inbox@shop.test\r\nSubject: scarf\r\nMessage-ID: <cp1252@customer.test>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        var mail = Read([.. head, .. body]);
        Assert.Equal("I\u2019d like the \u201cwool scarf\u201d under 40 \u20ac", mail.NewText);
    }

    [Fact]
    public void Shift_jis_body_decodes()
    {
        var body = ShiftJisText;
        var head = Encoding.ASCII.GetBytes("From: k@customer.test\r\nTo: inbox@shop.test\r\nSubject: gift\r\nMessage-ID: <sjis@customer.test>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        Assert.Equal("母へのプレゼントを探しています", Read([.. head, .. body]).NewText);
    }

    [Fact]
    public void Html_only_mail_becomes_text_without_markup_styles_or_the_quoted_history()
    {
        var raw = Encoding.ASCII.GetBytes(
            "From: h@customer.test\r\nTo: inbox@shop.test\r\nSubject: Re: picks\r\nMessage-ID: <html@customer.test>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/html; charset=utf-8\r\n\r\n" +
            "<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">Do you have the <b>candle</b> in&nbsp;green?<br>Thanks &amp; bye</div>" +
            "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Shop wrote:</div><blockquote>Here are three candles</blockquote></div></body></html>\r\n");
        var mail = Read(raw);
        Assert.Equal("Do you have the candle in green?\nThanks & bye", mail.NewText);
        Assert.DoesNotContain("color", mail.FullText);
        Assert.DoesNotContain("three candles", mail.FullText);
    }

    [Fact]
    public void Outlook_html_reply_is_cut_at_its_reply_header_div()
    {
        var raw = Encoding.ASCII.GetBytes(
            "From: o@customer.test\r\nTo: inbox@shop.test\r\nSubject: RE: picks\r\nMessage-ID: <outlook@customer.test>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/html; charset=utf-8\r\n\r\n" +
            "<html><body><p>The cheaper one please</p><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Shop</div><p>old</p></body></html>\r\n");
        Assert.Equal("The cheaper one please", Read(raw).NewText);
    }

    private static InboundEmail Read(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        var message = InboundEmail.Parse(stream);
        return InboundEmail.From(message, message.MessageId ?? "none");
    }
}
