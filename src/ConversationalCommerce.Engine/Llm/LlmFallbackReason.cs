namespace ConversationalCommerce.Engine.Llm;

/// <summary>Why a turn was answered by the offline engine although a provider is configured.</summary>
public enum LlmFallbackReason
{
    /// <summary>The provider did not answer within Ai:TimeoutSeconds.</summary>
    Timeout,
    /// <summary>The provider answered with an HTTP error (429, 5xx, 401, ...).</summary>
    ProviderError,
    /// <summary>The provider could not be reached (connection refused, DNS, TLS).</summary>
    Unreachable,
    /// <summary>The response could not be read (malformed JSON, unexpected shape).</summary>
    InvalidResponse,
    /// <summary>The model answered with no text.</summary>
    EmptyAnswer,
    /// <summary>The model kept calling tools past Ai:MaxToolRounds.</summary>
    ToolLoop,
}
