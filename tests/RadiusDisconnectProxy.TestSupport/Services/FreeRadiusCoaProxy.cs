using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// A private FreeRADIUS 3.2 (Debian <c>freeradius</c>) running as an RFC 5176 proxy: radclient → FreeRADIUS
/// (<c>listen { type = coa }</c>, <c>home_server { type = coa }</c>) → <see cref="FreeRadiusCoaProxyOptions.Upstream"/>.
/// Runs in the foreground (<c>freeradius -f -d DIR -n NAME</c>) from a temporary directory and is killed by its
/// process id on dispose. Used by the integration test (FreeRADIUS relays to our daemon) and by the load tests'
/// side-by-side comparison (FreeRADIUS relays to the NAS simulator).
/// </summary>
public sealed class FreeRadiusCoaProxy : IAsyncDisposable
{
    private const string InstanceName = "rdptest";
    private readonly Process _process;
    private readonly StringBuilder _output;

    private FreeRadiusCoaProxy(Process process, StringBuilder output, string directory, IPEndPoint endpoint)
    {
        _process = process;
        _output = output;
        ConfigDirectory = directory;
        Endpoint = endpoint;
    }

    /// <summary>Where FreeRADIUS listens for CoA/Disconnect-Requests (127.0.0.1).</summary>
    public IPEndPoint Endpoint { get; }

    public string ConfigDirectory { get; }

    public int ProcessId => _process.Id;

    /// <summary>What FreeRADIUS printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<FreeRadiusCoaProxy> StartAsync(FreeRadiusCoaProxyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string directory = Directory.CreateTempSubdirectory("rdp-freeradius-").FullName;
        int port = options.ListenPort != 0 ? options.ListenPort : GetFreeUdpPort();
        FreeRadiusConfigWriter.Write(directory, InstanceName, options, port);

        var info = new ProcessStartInfo("freeradius")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["-f", "-d", directory, "-n", InstanceName])
        {
            info.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("Ready to process requests", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("freeradius exited during start-up"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var proxy = new FreeRadiusCoaProxy(process, output, directory, new IPEndPoint(IPAddress.Loopback, port));
        try
        {
            await ready.Task.WaitAsync(options.StartTimeout, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            string log = proxy.Output;
            await proxy.DisposeAsync();
            throw new InvalidOperationException($"freeradius did not become ready: {e.Message}\n{log}", e);
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(ConfigDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
        }
    }

    private static int GetFreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
