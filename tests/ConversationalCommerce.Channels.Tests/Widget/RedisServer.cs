using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>
/// A private redis-server on a free loopback port (Debian's package, installed by scripts/test.sh), stopped and its
/// folder removed on dispose.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-redis", Guid.NewGuid().ToString("N"));

    public RedisServer()
    {
        Directory.CreateDirectory(_folder);
        Port = FreePort();
        Run("redis-server", $"--bind 127.0.0.1 --port {Port} --daemonize yes --pidfile {Path.Combine(_folder, "redis.pid")} " +
                            $"--dir {_folder} --save \"\" --appendonly no --logfile {Path.Combine(_folder, "redis.log")}");
        for (var i = 0; i < 50 && !Reachable(); i++) Thread.Sleep(100);
        if (!Reachable()) throw new InvalidOperationException($"redis-server did not start on port {Port} (is the redis-server package installed?)");
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public void Dispose()
    {
        var pidFile = Path.Combine(_folder, "redis.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(5_000);
            }
            catch (ArgumentException) { /* already gone */ }
            catch (InvalidOperationException) { /* already gone */ }
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private bool Reachable()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException($"could not start {file}");
        process.WaitForExit(10_000);
    }
}
