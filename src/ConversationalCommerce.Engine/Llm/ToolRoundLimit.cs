using Microsoft.SemanticKernel;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// Stops the automatic tool loop after a number of model rounds: a model that keeps asking for tools is not
/// converging, and the turn falls back to the offline reply rather than spend the shopper's wait.
/// </summary>
internal sealed class ToolRoundLimit(int maxRounds) : IAutoFunctionInvocationFilter
{
    public bool Exhausted { get; private set; }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        if (context.RequestSequenceIndex >= maxRounds)
        {
            Exhausted = true;
            context.Terminate = true;
            return;
        }
        await next(context);
    }
}
