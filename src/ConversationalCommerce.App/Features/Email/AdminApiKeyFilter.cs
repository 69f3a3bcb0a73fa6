using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.App.Features.Email;

/// <summary>
/// Guards merchant/operator endpoints until the embedded admin's session-token auth covers them: the caller must
/// present "Authorization: Bearer {Admin:ApiKey}". Without a configured key the endpoints are closed.
/// </summary>
public sealed class AdminApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string ConfigKey = "Admin:ApiKey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[ConfigKey];
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(expected)))
            return TypedResults.Unauthorized();
        return await next(context);
    }
}
