using Serilog;
using Serilog.Formatting.Compact;

namespace ConversationalCommerce.App.Hosting;

public static class LoggingRegistration
{
    /// <summary>Readable console in Development, compact JSON elsewhere; every line carries the correlation id when there is one.</summary>
    public static IHostApplicationBuilder AddAppLogging(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        var cli = builder.Configuration["Cli"] == "true";
        builder.Services.AddSerilog((services, config) =>
        {
            config.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Hangfire", Serilog.Events.LogEventLevel.Warning)
                .Enrich.FromLogContext();
            if (cli)
                config.MinimumLevel.Warning().WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
            else if (development)
                config.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            else
                config.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }
}
