using System.CommandLine;
using ConversationalCommerce.App.Hosting;

namespace ConversationalCommerce.App.Cli;

public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.");
        command.SetAction(async (_, ct) =>
        {
            await using var app = await CliHost.StartAsync(ct, migrate: false);
            await DatabaseInitializer.MigrateAsync(app.Services, ct);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        return command;
    }
}
