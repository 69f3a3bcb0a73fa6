using System.Diagnostics;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.App.Tests.Cli;

/// <summary>The built app executable run as an operator runs it, on a private data directory, without the demo store.</summary>
public static class AppProcess
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TestDataDirectory data, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DataDirectory"] = data.Path;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = data.SqliteConnectionString;
        start.Environment["DemoStore__SeedOnStartup"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
