namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>What the channel itself says, outside the assistant's turns.</summary>
public static class WhatsAppNoticeTexts
{
    public static string OptedOut(string shopName) =>
        $"You're unsubscribed: {shopName} won't message you here any more. Reply START if you change your mind.";

    public static string OptedIn(string shopName) =>
        $"Welcome back! {shopName} can answer you here again. What are you looking for?";

    public const string Unsupported =
        "Sorry, I can only read text messages here for now. Could you type your question? For example: \"a gift for my sister under $40\".";

    public const string TooLong =
        "That message is a bit long for me. Could you send a shorter one, with what you're looking for?";

    public const string NotContinued =
        "Thanks! I couldn't connect this chat to your conversation on the website automatically, but I'm happy to help here. What are you looking for?";

    public static string Continued(string shopName) =>
        $"You're connected! This chat continues your conversation from {shopName}'s website. Ask me anything about what you were looking at.";
}
