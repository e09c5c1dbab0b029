using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Hosting;

namespace RadiusDisconnectProxy.Tests.FaultInjection;

/// <summary>The real executable on a generated radius.conf, ready (answering) when <see cref="StartAsync"/> returns.</summary>
internal sealed class FaultDaemon : IDisposable
{
    public const string Secret = "testing123";

    private readonly DaemonProcess _process;
    private readonly string _directory;

    private FaultDaemon(DaemonProcess process, string directory, IPEndPoint endPoint)
    {
        _process = process;
        _directory = directory;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<FaultDaemon> StartAsync(string body)
    {
        string directory = Directory.CreateTempSubdirectory("rdp-fault-").FullName;
        int port = FreeUdpPort();
        string path = Path.Combine(directory, "radius.conf");
        await File.WriteAllTextAsync(path,
            $"listen {{ ipaddr = 127.0.0.1  port = {port} }}\naudit {{ enabled = no }}\nclient local {{ ipaddr = 127.0.0.1  secret = {Secret} }}\n" + body);
        var process = new DaemonProcess(["serve", "--config", path]);
        var daemon = new FaultDaemon(process, directory, new IPEndPoint(IPAddress.Loopback, port));
        try
        {
            await daemon.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30));
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <summary>Probes with a request for an unknown NAS (NAK 502) until one is answered.</summary>
    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var load = new FaultLoad(EndPoint, Secret, 256, i => [FaultLoad.Text(RadiusAttributeType.UserName, "probe"),
            FaultLoad.Text(RadiusAttributeType.NasIdentifier, "probe-" + i)]);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        int sent = 0;
        while (deadline.Elapsed < timeout && sent < load.Count)
        {
            await load.RunOneAsync(sent++);
            await Task.Delay(250);
            for (int i = 0; i < sent; i++)
            {
                if (load.AnswerTo(i) is { Code: RadiusCode.DisconnectNak })
                {
                    return;
                }
            }
        }

        (int code, string output, string error) = _process.WaitForExitAsync(TimeSpan.FromSeconds(1)).IsCompletedSuccessfully
            ? await _process.WaitForExitAsync(TimeSpan.FromSeconds(1))
            : (-1, "", "");
        throw new TimeoutException($"the daemon did not answer within {timeout} (exit {code}): {output} {error}");
    }

    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
