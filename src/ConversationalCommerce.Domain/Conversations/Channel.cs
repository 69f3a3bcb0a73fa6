namespace ConversationalCommerce.Domain.Conversations;

public enum Channel
{
    Widget = 0,
    WhatsApp = 1,
    Email = 2,
    Api = 3,
    Admin = 4,
}
