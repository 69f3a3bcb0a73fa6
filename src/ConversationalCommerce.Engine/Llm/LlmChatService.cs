using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The configured provider's chat service, built once. Owns its HttpClient: pooled connections are recycled so DNS
/// changes are seen, and no client-side timeout applies (the turn's own budget cancels the request).
/// </summary>
public sealed class LlmChatService : IDisposable
{
    private readonly HttpClient _http;

    public LlmChatService(IOptions<AiOptions> options, ILoggerFactory loggerFactory)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Service = LlmChatServiceFactory.Create(options.Value, _http, loggerFactory);
    }

    public IChatCompletionService Service { get; }

    public void Dispose() => _http.Dispose();
}
