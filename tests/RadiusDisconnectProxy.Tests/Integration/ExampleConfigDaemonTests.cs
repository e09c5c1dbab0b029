using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using RadiusDisconnectProxy.Tests.Configuration;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>
/// Issue 3 "Done when": the real executable run with radius.conf.example as shipped (ports moved to free ones, as the
/// host tests do), and <c>radclient -x 127.0.0.1:PORT disconnect testing123</c> for a request naming an unknown NAS
/// gets a Disconnect-NAK 502; SIGTERM then stops it with exit 0.
/// </summary>
[Trait("Category", "RealService")]
public sealed class ExampleConfigDaemonTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_Example_UnknownNas_DisconnectNak502()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "radius-disconnect-proxy.dll"), "serve", "--config", ExampleConfigTests.ExamplePath,
            "--listen:port=0", $"--mqtt:port={DaemonProcess.FreeTcpPort()}", $"--metrics:listen=127.0.0.1:{DaemonProcess.FreeTcpPort()}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("RDP__", StringComparison.OrdinalIgnoreCase) || k == "NOTIFY_SOCKET").ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = new Process { StartInfo = start };
        var lines = Channel.CreateUnbounded<string>();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            IPEndPoint endpoint = await ListeningEndPointAsync(lines.Reader);

            RadclientResult answer = await RadclientRunner.RunAsync(endpoint, "disconnect", "testing123",
                "NAS-Identifier = \"no-such-nas\", User-Name = \"alice\"", timeoutSeconds: 5);

            Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
            Assert.Equal("Proxy-Request-Not-Routable", answer.Attribute("Error-Cause"));
            Assert.NotNull(answer.Attribute("Message-Authenticator"));

            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(s_timeout);
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, Snapshot());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            lines.Writer.TryWrite(line);
        }

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        async Task<IPEndPoint> ListeningEndPointAsync(ChannelReader<string> reader)
        {
            // Listen port 0: the daemon's own "Listening" line says which port it bound.
            const string marker = "Listening for Disconnect/CoA-Requests on udp ";
            using var wait = new CancellationTokenSource(s_timeout);
            try
            {
                while (true)
                {
                    string line = await reader.ReadAsync(wait.Token);
                    int at = line.IndexOf(marker, StringComparison.Ordinal);
                    if (at >= 0 && IPEndPoint.TryParse(line[(at + marker.Length)..].Trim(), out IPEndPoint? bound))
                    {
                        return bound;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                throw new TimeoutException("the daemon never logged its listening endpoint:\n" + Snapshot(), e);
            }
        }
    }
}
