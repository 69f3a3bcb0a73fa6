using System.Diagnostics;
using System.Text;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Domain.Email;
using ConversationalCommerce.Engine.Replies;
using MimeKit;

namespace ConversationalCommerce.Bench.Email;

/// <summary>
/// CPU cost of the email channel's own work, without the network: parsing a received mail, classifying it
/// (auto-reply/bounce/loop) and extracting the new text (HTML to text, quoted history stripped); and composing an
/// answer with five product cards as MIME (text + HTML). Args: [iterations] (default 20000).
/// </summary>
public sealed class EmailProcessingBenchmark : IBenchmark
{
    public string Name => "email-processing";
    public string Description => "Inbound mail parse+classify+strip and outbound reply compose, per message (no network).";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20000;
        var samples = Samples();
        var inbound = new LatencyRecorder();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations && !cancellationToken.IsCancellationRequested; i++)
        {
            var raw = samples[i % samples.Length];
            var start = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream(raw, writable: false);
            var message = InboundEmail.Parse(stream);
            var (kind, _) = AutomatedMail.Classify(message, "inbox@shop.test", 20);
            if (kind == AutomatedKind.None) _ = InboundEmail.From(message, message.MessageId ?? "x").NewText;
            inbound.Add(LatencyRecorder.Elapsed(start));
        }
        var inboundSeconds = wall.Elapsed.TotalSeconds;
        Console.WriteLine(inbound.Summary("inbound parse+classify+strip"));
        Console.WriteLine($"inbound throughput: {inbound.Count / inboundSeconds:F0} mails/s on one thread ({samples.Length} sample shapes: plain reply with quotes, Gmail HTML-only, Latin-1, Outlook, auto-reply)");

        var reply = Reply();
        var settings = new ShopEmailSettings { SmtpHost = "smtp.test", FromAddress = "inbox@shop.test", InboundDomain = "shop.test" };
        var thread = new EmailThread { ConversationId = Guid.NewGuid(), ReplyToken = "abcdefghijklmnopqrstuvwxyz234567", UnsubscribeToken = "bcdefghijklmnopqrstuvwxyz2345672", CustomerAddress = "anna@customer.test", Subject = "Gift for my mom" };
        var references = Enumerable.Range(0, 6).Select(i => $"m{i}@customer.test").ToList();
        var outbound = new LatencyRecorder();
        wall.Restart();
        for (var i = 0; i < iterations && !cancellationToken.IsCancellationRequested; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var mime = ReplyEmailComposer.Compose(reply, new OutgoingEmail(Guid.NewGuid(), "anna@customer.test", settings, thread, "Demo Store",
                "https://demo-store.myshopify.com", "https://app.test", "#1f6feb", references, references[^1], true, DateTimeOffset.UtcNow));
            using var sink = new MemoryStream();
            mime.WriteTo(sink);
            outbound.Add(LatencyRecorder.Elapsed(start));
        }
        Console.WriteLine(outbound.Summary("outbound compose+serialize (5 cards)"));
        Console.WriteLine($"outbound throughput: {outbound.Count / wall.Elapsed.TotalSeconds:F0} mails/s on one thread");
        return Task.FromResult(0);
    }

    private static byte[][] Samples()
    {
        var quoted = string.Join("\r\n", Enumerable.Range(0, 40).Select(i => $"> line {i} of the earlier answer with a product or two"));
        return
        [
            Encoding.ASCII.GetBytes($"From: Anna <anna@customer.test>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz234567@shop.test\r\nSubject: Re: Gift\r\nMessage-ID: <a1@customer.test>\r\nIn-Reply-To: <cc.0@shop.test>\r\nReferences: <a0@customer.test> <cc.0@shop.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSomething cheaper please\r\n\r\nOn Mon, 30 Nov 2026 at 14:02, Demo Store <inbox@shop.test> wrote:\r\n{quoted}\r\n"),
            Encoding.ASCII.GetBytes("From: h@customer.test\r\nTo: inbox@shop.test\r\nSubject: Re: picks\r\nMessage-ID: <h1@customer.test>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">Do you have the <b>candle</b> in&nbsp;green?</div><div class=\"gmail_quote\"><blockquote>" + quoted + "</blockquote></div></body></html>\r\n"),
            [.. Encoding.ASCII.GetBytes("From: l@customer.test\r\nTo: inbox@shop.test\r\nSubject: =?ISO-8859-1?Q?Cadeau?=\r\nMessage-ID: <l1@customer.test>\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"), .. Encoding.Latin1.GetBytes("Une bougie parfum\u00e9e pour ma m\u00e8re, moins de 40 \u00a3.\r\n")],
            Encoding.ASCII.GetBytes("From: o@customer.test\r\nTo: inbox@shop.test\r\nSubject: RE: picks\r\nMessage-ID: <o1@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe cheaper one please\r\n\r\n________________________________\r\nFrom: Demo Store <inbox@shop.test>\r\nSent: Monday, November 30, 2026 2:02 PM\r\nTo: o@customer.test\r\nSubject: picks\r\n\r\n" + quoted + "\r\n"),
            Encoding.ASCII.GetBytes("From: away@customer.test\r\nTo: inbox@shop.test\r\nSubject: Automatic reply: Gift\r\nMessage-ID: <ar1@customer.test>\r\nAuto-Submitted: auto-replied\r\n\r\nI am out of the office.\r\n"),
        ];
    }

    private static Reply Reply() => new()
    {
        Text = "Here are five gifts for your mum under $50.",
        Products = Enumerable.Range(1, 5).Select(i => new ProductCard
        {
            ProductId = Guid.NewGuid(), ShopifyId = i, Handle = $"gift-{i}", Title = $"Lavender Gift Set {i}", ImageUrl = $"/demo-assets/products/gift-{i}.svg",
            Url = $"/products/gift-{i}", Price = 20 + i, CompareAtPrice = i % 2 == 0 ? 30 + i : null, Available = true, Reasons = ["Under your budget", "Popular for birthdays"],
        }).ToList(),
        QuickReplies = ["Cheaper options", "Show me candles", "Gift wrap?"],
    };
}
