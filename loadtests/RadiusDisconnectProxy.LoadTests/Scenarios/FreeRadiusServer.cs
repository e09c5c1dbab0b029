using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Processes;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>
/// Debian's FreeRADIUS 3.2 as an RFC 5176 proxy for the side-by-side comparison: a private single-file config
/// (everything in the work directory), foreground (<c>-f</c>), no debug, per-request logging off, one
/// <c>listen { type = coa }</c> whose <c>recv-coa</c> (FreeRADIUS 3.2 handles Disconnect-Requests there too)
/// sends every request to a <c>home_server { type = coa }</c>: the NAS simulator. Tuned as the side-by-side benchmark
/// tunes it for this 2-core box (two fixed workers, a 4 MiB receive buffer), so both tools measure the same FreeRADIUS
/// (loadtests/README.md, "compare vs side-by-side").
/// </summary>
internal sealed class FreeRadiusServer : IAsyncDisposable
{
    private const string InstanceName = "rdpload";
    private readonly ChildProcess _process;

    private FreeRadiusServer(ChildProcess process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public int Pid => _process.Pid;

    public static async Task<FreeRadiusServer> StartAsync(string workDirectory, int listenPort, string clientSecret, IPEndPoint nas, string nasSecret, RequestTemplate probe)
    {
        string directory = Path.Combine(workDirectory, "freeradius");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, InstanceName + ".conf"), Config(directory, listenPort, clientSecret, nas, nasSecret)).ConfigureAwait(false);
        ChildProcess process = ChildProcess.Start("freeradius", "freeradius", ["-f", "-d", directory, "-n", InstanceName], Path.Combine(workDirectory, "freeradius.log"));
        var server = new FreeRadiusServer(process, new IPEndPoint(IPAddress.Loopback, listenPort));
        try
        {
            await process.WaitForLogLineAsync("Ready to process requests", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await DasProbe.WaitUntilAnsweringAsync(server.EndPoint, clientSecret, probe, TimeSpan.FromSeconds(30), () => process.Tail()).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    public static string Version()
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("freeradius", "-v") { RedirectStandardOutput = true, UseShellExecute = false })!;
            string first = p.StandardOutput.ReadLine() ?? "";
            p.WaitForExit();
            return first.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "freeradius not found";
        }
    }

    private static string Config(string directory, int listenPort, string clientSecret, IPEndPoint nas, string nasSecret) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        prefix = /usr
        localstatedir = {{directory}}
        logdir = {{directory}}
        run_dir = {{directory}}
        confdir = {{directory}}
        raddbdir = {{directory}}
        libdir = /usr/lib/freeradius
        pidfile = {{directory}}/{{InstanceName}}.pid
        name = {{InstanceName}}
        max_request_time = 30
        cleanup_delay = 5
        max_requests = 1048576
        hostname_lookups = no
        log {
          destination = stdout
          auth = no
          auth_badpass = no
          auth_goodpass = no
        }
        security {
          allow_core_dumps = no
          max_attributes = 200
          reject_delay = 0
          status_server = no
        }
        thread pool {
          start_servers = 2
          max_servers = 2
          min_spare_servers = 1
          max_spare_servers = 2
          max_requests_per_server = 0
          max_queue_size = 65536
          auto_limit_acct = no
        }
        proxy_requests = yes
        proxy server {
          default_fallback = no
        }
        home_server nas {
          type = coa
          ipaddr = {{nas.Address}}
          port = {{nas.Port}}
          secret = "{{nasSecret}}"
          max_outstanding = 65536
          response_window = 20
          coa {
            irt = 2
            mrt = 16
            mrc = 5
            mrd = 30
          }
        }
        home_server_pool nas_pool {
          type = fail-over
          home_server = nas
        }
        client load {
          ipaddr = 127.0.0.1
          secret = "{{clientSecret}}"
          require_message_authenticator = no
        }
        modules {
        }
        instantiate {
        }
        server coa-proxy {
          listen {
            type = coa
            ipaddr = 127.0.0.1
            port = {{listenPort}}
            recv_buff = 4194304
          }
          recv-coa {
            update control {
              &Home-Server-Pool := "nas_pool"
            }
          }
        }

        """);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
