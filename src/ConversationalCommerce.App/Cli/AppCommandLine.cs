using System.CommandLine;
using ConversationalCommerce.App.Hosting;

namespace ConversationalCommerce.App.Cli;

public static class AppCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        // No command, or only host switches (--urls, --environment): serve.
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"))
            return await WebHost.RunAsync(args);

        var root = new RootCommand("ConversationalCommerce: run without a command to start the server.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>One line per command; each command lives in its own file.</summary>
    private static IEnumerable<Command> Commands()
    {
        yield return MigrateCommand.Create();
        yield return SeedDemoCommand.Create();
        yield return EvalCommand.Create();
        yield return ChatCommand.Create();
    }
}
