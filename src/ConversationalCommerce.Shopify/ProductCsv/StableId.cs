using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.Shopify.ProductCsv;

/// <summary>
/// A CSV export carries no Shopify ids; derive a stable positive one from the handle so re-importing the same file
/// updates the same products instead of duplicating them. Kept below 2^53 so JavaScript reads it exactly.
/// </summary>
internal static class StableId
{
    public static long For(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(hash) & 0x0F_FFFF_FFFF_FFFF) | 1L << 52;
    }
}
