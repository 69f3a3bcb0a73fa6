using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ConversationalCommerce.Bench.SignalR;

/// <summary>
/// The app (this build's ConversationalCommerce.App, Release when the bench runs in Release) as its own process on a
/// loopback port, with the demo store seeded and the echo hub on, so its memory can be measured apart from the clients.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private BenchServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<BenchServer> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ConversationalCommerce.App"), $"--urls {address.ToString().TrimEnd('/')}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DataDirectory"] = folder;
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["DemoStore__SeedOnStartup"] = "true";
        info.Environment["Widget__EnableEchoHub"] = "true";
        // The per-connection limit (10 messages / 10 s) would measure the limiter, not the turn: lifted for the run.
        info.Environment["Widget__RateLimitMessages"] = "1000000";
        // Every simulated visitor comes from loopback: the per-address session limit would stop the run at 30.
        info.Environment["Widget__SessionsPerAddress"] = "1000000";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app");
        var log = new StreamWriter(Path.Combine(folder, "server.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new BenchServer(process, folder, address);
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited) throw new InvalidOperationException($"the app exited with {process.ExitCode}; see {folder}/server.log");
            try
            {
                if ((await server.Http.GetAsync(new Uri(address, "/health/ready"), cancellationToken)).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (started.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("the app did not become ready in 3 minutes");
            await Task.Delay(250, cancellationToken);
        }
        Console.WriteLine($"server pid {process.Id} ready at {address} in {started.Elapsed.TotalSeconds:F1} s");
        return server;
    }

    /// <summary>Resident memory of the app process, from /proc.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>
    /// CPU time the app process has used (user + system, from /proc): on a shared machine, server CPU per turn is a
    /// steadier measure of the work a turn costs than wall-clock latency.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime) in clock ticks; after the command name they are at index 11 and 12.
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The demo shop's publishable widget key, read from the app's SQLite file.</summary>
    public async Task<string> DemoWidgetKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "conversational-commerce.db")};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT WidgetKey FROM Shops WHERE Domain = 'demo-store.myshopify.com'";
        return (string)(await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("no demo shop"));
    }

    /// <summary>Opens <paramref name="count"/> visitor sessions, a few at a time; returns their tokens.</summary>
    public async Task<string[]> SessionsAsync(string widgetKey, int count, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await Http.PostAsJsonAsync(new Uri(Address, "/api/widget/session"), new { widgetKey, locale = "en" }, ct);
                response.EnsureSuccessStatusCode();
                tokens[i] = (await response.Content.ReadFromJsonAsync<SessionAnswer>(ct))!.VisitorToken;
            });
        return tokens;
    }

    public HubConnection Connection(string path, string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, path), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record SessionAnswer(string VisitorToken);
}
