using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Data;
using Hangfire;
using Hangfire.PostgreSql;

namespace ConversationalCommerce.App.Jobs;

public enum JobStorage
{
    /// <summary>Follows the database: in memory for SQLite, else the same server.</summary>
    Auto,
    InMemory,
    PostgreSql,
    SqlServer,
}

public sealed class HangfireOptions
{
    public const string Section = "Hangfire";
    public JobStorage Storage { get; set; } = JobStorage.Auto;
    public string? ConnectionString { get; set; }
    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);
    public bool DashboardEnabled { get; set; } = true;
    /// <summary>Operator credentials for /hangfire; from the environment, never from the repo.</summary>
    public string? DashboardUser { get; set; }
    public string? DashboardPassword { get; set; }
}

public static class HangfireRegistration
{
    /// <summary>
    /// Jobs only carry ids of rows already in the database (inbox, outbox), so in-memory storage loses
    /// nothing on a crash: the start-up sweep re-enqueues whatever is unfinished.
    /// </summary>
    public static IHostApplicationBuilder AddAppJobs(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        var (provider, dbConnection) = DatabaseRegistration.Resolve(builder.Configuration);
        var storage = options.Storage;
        if (storage == JobStorage.Auto)
            storage = provider switch
            {
                DatabaseProvider.PostgreSql => JobStorage.PostgreSql,
                DatabaseProvider.SqlServer => JobStorage.SqlServer,
                _ => JobStorage.InMemory,
            };
        var connection = options.ConnectionString ?? dbConnection;

        builder.Services.AddSingleton(options);
        // Hangfire keeps "the" storage in a process-wide static; two apps in one process (tests, benchmarks) would
        // swap job stores. Each app registers the storage its own configuration created, before AddHangfire's TryAdd.
        Hangfire.JobStorage? appStorage = null;
        builder.Services.AddSingleton<Hangfire.JobStorage>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>(); // runs the configuration below
            return appStorage ?? throw new InvalidOperationException("Hangfire storage was not configured.");
        });
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new CorrelationIdJobFilter());
            switch (storage)
            {
                case JobStorage.PostgreSql:
                    appStorage = config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = TimeSpan.FromMilliseconds(500),
                        PrepareSchemaIfNecessary = true,
                    }).Entry;
                    break;
                case JobStorage.SqlServer:
                    appStorage = config.UseSqlServerStorage(connection).Entry;
                    break;
                default:
                    appStorage = config.UseInMemoryStorage().Entry;
                    break;
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = options.WorkerCount;
            o.SchedulePollingInterval = options.SchedulePollingInterval;
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
            o.StopTimeout = TimeSpan.FromSeconds(2);
            o.Queues = ["inbox", "outbox", "default", "sync"];
        });
        return builder;
    }
}
