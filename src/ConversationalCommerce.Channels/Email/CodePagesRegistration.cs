using System.Runtime.CompilerServices;
using System.Text;

namespace ConversationalCommerce.Channels.Email;

/// <summary>
/// Mail arrives in Shift_JIS, Windows-1252, KOI8-R…: .NET knows those code pages only once their provider is
/// registered, and MimeKit reads the list of encodings the first time it is used. Registering when this assembly
/// loads puts it before any of our MimeKit use, whichever service touches MimeKit first.
/// </summary>
internal static class CodePagesRegistration
{
#pragma warning disable CA2255 // a library initializer on purpose: the registration must precede MimeKit's first use
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA2255
}
