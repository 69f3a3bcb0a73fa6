using System.Runtime.CompilerServices;
using System.Text;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// .NET ships only the Unicode and Latin-1 encodings. MimeKit builds its charset table once, the first time it
/// looks one up, so the code pages (windows-125x, Shift_JIS, ISO-2022-JP, GB2312...) must be registered before
/// any MIME code runs: at module load, not in a service registration that may come later.
/// </summary>
internal static class MailCharsets
{
#pragma warning disable CA2255 // A module initializer is the only hook that runs before the first MimeKit call, whoever makes it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
