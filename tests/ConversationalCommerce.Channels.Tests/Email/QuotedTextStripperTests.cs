using ConversationalCommerce.Channels.Email.Inbound;

namespace ConversationalCommerce.Channels.Tests.Email;

public sealed class QuotedTextStripperTests
{
    [Fact]
    public void Gmail_reply_keeps_only_the_new_text()
    {
        var text = "Do you have it in blue?\n\nOn Mon, 30 Nov 2026 at 14:02, Demo Store <inbox@shop.test> wrote:\n> Here are three mugs.\n> Anything else?";
        Assert.Equal("Do you have it in blue?", QuotedTextStripper.Strip(text));
    }

    [Fact]
    public void Wrapped_on_wrote_header_is_recognised()
    {
        var text = "Yes, the second one.\n\nOn Mon, 30 Nov 2026 at 14:02, Demo Store Assistant\n<reply+abc@shop.test> wrote:\n\n> Which one?";
        Assert.Equal("Yes, the second one.", QuotedTextStripper.Strip(text));
    }

    [Fact]
    public void Outlook_original_message_and_header_block_are_cut()
    {
        Assert.Equal("Under $50 please",
            QuotedTextStripper.Strip("Under $50 please\r\n\r\n-----Original Message-----\r\nFrom: Shop\r\nSent: Monday\r\nSubject: picks\r\n\r\nOld text"));
        Assert.Equal("Under $50 please",
            QuotedTextStripper.Strip("Under $50 please\r\n\r\n________________________________\r\nFrom: Shop <inbox@shop.test>\r\nSent: Monday, November 30, 2026 2:02 PM\r\nTo: me@customer.test\r\nSubject: Re: picks\r\n\r\nOld text"));
        Assert.Equal("Under $50 please",
            QuotedTextStripper.Strip("Under $50 please\r\n\r\nFrom: Shop <inbox@shop.test>\r\nSent: Monday, November 30, 2026 2:02 PM\r\nTo: me@customer.test\r\nSubject: Re: picks\r\n\r\nOld text"));
    }

    [Fact]
    public void Signature_after_dash_dash_space_is_dropped()
    {
        Assert.Equal("Show me scarves\n\nthanks", QuotedTextStripper.Strip("Show me scarves\n\nthanks\n-- \nAnna Example\nCEO, Example Ltd"));
        Assert.Equal("Show me scarves", QuotedTextStripper.Strip("Show me scarves\n\nSent from my iPhone"));
    }

    [Fact]
    public void Quoted_lines_inside_the_text_are_removed_but_answers_between_them_kept()
    {
        var text = "> Which colour?\nRed\n> Which size?\nMedium";
        Assert.Equal("Red\nMedium", QuotedTextStripper.Strip(text));
    }

    [Fact]
    public void A_line_starting_with_On_that_is_not_a_reply_header_is_kept()
    {
        Assert.Equal("On second thought, show me candles", QuotedTextStripper.Strip("On second thought, show me candles"));
    }

    [Fact]
    public void German_and_French_reply_headers_are_cut()
    {
        Assert.Equal("Danke", QuotedTextStripper.Strip("Danke\n\nAm 30.11.2026 um 14:02 schrieb Shop <inbox@shop.test>:\n> Hallo"));
        Assert.Equal("Merci", QuotedTextStripper.Strip("Merci\n\nLe lun. 30 nov. 2026 à 14:02, Shop <inbox@shop.test> a écrit :\n> Bonjour"));
    }
}
