using System.CommandLine;

namespace ConversationalCommerce.App.Cli;

/// <summary>`eval`: offline quality checks. One line per subcommand, each in its own file.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure quality offline (no database, no server).");
        command.Subcommands.Add(EvalIntentsCommand.Create());
        command.Subcommands.Add(EvalSearchCommand.Create());
        return command;
    }
}
