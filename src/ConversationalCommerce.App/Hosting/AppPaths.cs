using Microsoft.Extensions.Configuration;

namespace ConversationalCommerce.App.Hosting;

/// <summary>Where local state lives (SQLite file, models, exports). "DataDirectory" overrides; default ./data.</summary>
public static class AppPaths
{
    public static string DataDirectory(IConfiguration configuration)
    {
        var configured = configuration["DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Directory.GetCurrentDirectory(), "data")
            : Path.GetFullPath(configured);
        Directory.CreateDirectory(path);
        return path;
    }
}
