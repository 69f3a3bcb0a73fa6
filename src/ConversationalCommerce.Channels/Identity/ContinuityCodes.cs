using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConversationalCommerce.Channels.Widget;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Identity;

public sealed record IssuedContinuityCode(string Code, DateTimeOffset ExpiresAt);

public sealed record ContinuityRedemption(Guid ConversationId, Guid? CustomerId);

/// <summary>
/// One-time codes that carry a conversation from the widget to WhatsApp: the widget asks for one, the shopper sends it
/// in a prefilled WhatsApp message, and the WhatsApp channel redeems it to join that phone to the same thread.
/// Codes are random (8 characters, about 38 bits) written "CC-XXXX-XXXX": the fixed prefix, the dashes and an alphabet
/// without vowels mean no ordinary word or sentence ever reads as a code (no 8-letter word joins a stranger's thread).
/// They are stored only as a hash, bound to one shop, conversation and customer, expire (30 minutes by default) and
/// work once.
/// </summary>
public sealed partial class ContinuityCodes(AppDbContext db, TimeProvider time, IOptions<WidgetOptions> options)
{
    /// <summary>No vowels (no words), no Y, no 0/O, 1/I/L (easy to read back from a phone screen).</summary>
    private const string Alphabet = "BCDFGHJKMNPQRSTVWXZ23456789";
    private const int Length = 8;
    /// <summary>Every code is shown and found with this prefix ("CC-K7PX-M2QD").</summary>
    public const string Prefix = "CC-";

    public async Task<IssuedContinuityCode> IssueAsync(Guid shopId, Guid conversationId, Guid? customerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.ContinuityCodeLifetime;
        // A collision with a stored hash is astronomically unlikely; the unique index turns it into a retry.
        for (var attempt = 0; ; attempt++)
        {
            var code = NewCode();
            var row = new ContinuityCode
            {
                ShopId = shopId, ConversationId = conversationId, CustomerId = customerId,
                CodeHash = Hash(shopId, code), CreatedAt = now, ExpiresAt = expiresAt,
            };
            db.ContinuityCodes.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IssuedContinuityCode(Display(code), expiresAt);
            }
            catch (DbUpdateException ex) when (attempt < 3 && UniqueViolation.Is(ex))
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Redeems a code once: null when it is unknown for this shop, expired or already used. The claim is one
    /// conditional update, so two channels racing with the same code cannot both win.
    /// </summary>
    public async Task<ContinuityRedemption?> RedeemAsync(Guid shopId, string code, CancellationToken cancellationToken)
    {
        var normalised = Normalise(code);
        if (normalised is null) return null;
        var hash = Hash(shopId, normalised);
        var now = time.GetUtcNow();
        var claimed = await db.ContinuityCodes.IgnoreQueryFilters()
            .Where(c => c.ShopId == shopId && c.CodeHash == hash && c.RedeemedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RedeemedAt, now), cancellationToken);
        if (claimed != 1) return null;
        return await db.ContinuityCodes.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ShopId == shopId && c.CodeHash == hash)
            .Select(c => new ContinuityRedemption(c.ConversationId, c.CustomerId))
            .FirstAsync(cancellationToken);
    }

    /// <summary>
    /// Finds a code in free text such as the prefilled WhatsApp message ("… My code: CC-K7PX-M2QD"): only the full
    /// form with prefix and dashes counts (any letter case), standing apart from neighbouring letters and digits.
    /// </summary>
    public static bool TryFind(string? text, out string code)
    {
        code = "";
        if (string.IsNullOrEmpty(text)) return false;
        var match = CodePattern().Match(text.ToUpperInvariant());
        if (!match.Success) return false;
        code = match.Groups[1].Value + match.Groups[2].Value;
        return true;
    }

    /// <summary>The text the shopper sends on WhatsApp, carrying the code.</summary>
    public static string PrefilledText(string shopName, string code) =>
        $"Hi {shopName}! I'd like to continue my chat here. My code: {code}";

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    private static string Display(string code) => Prefix + code[..4] + "-" + code[4..];

    /// <summary>The 8 code characters of "CC-K7PX-M2QD", "k7px m2qd" or "K7PXM2QD"; null if it cannot be a code.</summary>
    private static string? Normalise(string code)
    {
        var compact = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (compact.Length == Length + 2 && compact.StartsWith("CC", StringComparison.Ordinal)) compact = compact[2..];
        return compact.Length == Length && compact.All(c => Alphabet.Contains(c)) ? compact : null;
    }

    private static string Hash(Guid shopId, string normalisedCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{shopId:N}:{normalisedCode}")));

    [GeneratedRegex(@"(?<![A-Z0-9])CC-([BCDFGHJKMNPQRSTVWXZ2-9]{4})-([BCDFGHJKMNPQRSTVWXZ2-9]{4})(?![A-Z0-9])")]
    private static partial Regex CodePattern();
}
