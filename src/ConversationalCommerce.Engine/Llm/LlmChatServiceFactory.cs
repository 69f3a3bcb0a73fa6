using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// Builds the Semantic Kernel chat service for the configured provider. Ollama is reached through its
/// OpenAI-compatible endpoint ({endpoint}/v1) with the OpenAI connector (no Ollama connector is served here).
/// The HttpClient we hand over makes the connector drop its own retries: a 429 or 500 falls back to the offline
/// reply at once instead of retrying inside the shopper's wait.
/// </summary>
public static class LlmChatServiceFactory
{
    public const string DefaultOllamaEndpoint = "http://localhost:11434";

    public static IChatCompletionService Create(AiOptions options, HttpClient httpClient, ILoggerFactory loggerFactory)
    {
        var transport = new HttpClientPipelineTransport(httpClient);
        var noRetries = new ClientRetryPolicy(maxRetries: 0);
        switch (options.Provider)
        {
            case AiProvider.OpenAI or AiProvider.Ollama:
                var endpoint = options.Provider == AiProvider.Ollama
                    ? OllamaOpenAiEndpoint(options.Endpoint)
                    : string.IsNullOrWhiteSpace(options.Endpoint) ? null : new Uri(options.Endpoint);
                // Ollama ignores the key, but the client needs one.
                var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "ollama" : options.ApiKey;
                var openAi = new OpenAIClient(new ApiKeyCredential(key),
                    new OpenAIClientOptions { Endpoint = endpoint, Transport = transport, RetryPolicy = noRetries, NetworkTimeout = options.Timeout });
                return new OpenAIChatCompletionService(options.Model, openAi, loggerFactory);
            case AiProvider.AzureOpenAI:
                var azureOptions = AzureApiVersion(options.ApiVersion) is { } version
                    ? new AzureOpenAIClientOptions(version)
                    : new AzureOpenAIClientOptions();
                azureOptions.Transport = transport;
                azureOptions.RetryPolicy = noRetries;
                azureOptions.NetworkTimeout = options.Timeout;
                var azure = new AzureOpenAIClient(new Uri(options.Endpoint), new ApiKeyCredential(options.ApiKey), azureOptions);
                return new AzureOpenAIChatCompletionService(options.Model, azure, null, loggerFactory);
            default:
                throw new InvalidOperationException($"Ai:Provider {options.Provider} has no chat service.");
        }
    }

    /// <summary>"2024-10-21" or "2025-04-01-preview" as the Azure client's version label; null when empty or unknown.</summary>
    public static AzureOpenAIClientOptions.ServiceVersion? AzureApiVersion(string? apiVersion)
    {
        if (string.IsNullOrWhiteSpace(apiVersion)) return null;
        var name = "V" + apiVersion.Trim().Replace('-', '_');
        foreach (var version in Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>())
            if (string.Equals(version.ToString(), name, StringComparison.OrdinalIgnoreCase)) return version;
        return null;
    }

    /// <summary>The API versions the Azure connector knows, as Azure writes them.</summary>
    public static IEnumerable<string> AzureApiVersions() =>
        Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>().Select(v => v.ToString()[1..].Replace('_', '-').ToLowerInvariant());

    /// <summary>Ollama serves the OpenAI chat-completions API under /v1 of its own address.</summary>
    public static Uri OllamaOpenAiEndpoint(string endpoint)
    {
        var root = string.IsNullOrWhiteSpace(endpoint) ? DefaultOllamaEndpoint : endpoint;
        root = root.TrimEnd('/');
        return new Uri(root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1");
    }
}
