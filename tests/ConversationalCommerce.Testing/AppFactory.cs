using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConversationalCommerce.Testing;

/// <summary>
/// The real app on a private SQLite file (or a given PostgreSQL database). Settings go through UseSetting because
/// Program reads them before Build(). With <see cref="RealSocket"/> it listens on a loopback port (browser tests).
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public TestDataDirectory Data { get; } = new();
    public bool RealSocket { get; init; }

    public AppFactory(bool seedDemo = false)
    {
        _settings["DataDirectory"] = Data.Path;
        _settings["Database:Provider"] = "Sqlite";
        _settings["ConnectionStrings:Default"] = Data.SqliteConnectionString;
        _settings["DemoStore:SeedOnStartup"] = seedDemo ? "true" : "false";
        _settings["Hangfire:SchedulePollingInterval"] = "00:00:01";
        // Every test client comes from one address: the per-address session limit is tested on its own (WidgetSessionLimitTests).
        _settings["Widget:SessionsPerAddress"] = "100000";
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Service changes applied after the app's own registrations (e.g. a deliberately slow part for a time-out test).</summary>
    public AppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public AppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public AppFactory UsePostgres(string connectionString) =>
        WithSetting("Database:Provider", "PostgreSql").WithSetting("ConnectionStrings:Default", connectionString);

    /// <summary>Base address of the real socket (after <see cref="StartRealServer"/>).</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    public void StartRealServer()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Benchmarks have no WebApplicationFactoryContentRoot attribute; the app's folder holds wwwroot either way.
        if (FindAppFolder() is { } contentRoot) builder.UseContentRoot(contentRoot);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        foreach (var configure in _services)
            builder.ConfigureServices(configure);
    }

    private static string? FindAppFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ConversationalCommerce.App");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Data.Dispose();
    }
}
