using Xunit.Abstractions;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.LoadTests.Simulation;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>
/// Guards the MQTT slow path (CoovaMeshdesk through a real mosquitto) against per-request allocation creeping back
/// (docs/load-testing.md, "Slow paths"): distinct Disconnect-Requests (and every tenth a bandwidth CoA-Request) go one at
/// a time through the real listener, pipeline, executor, driver, node command bus and our MQTT client to mosquitto and
/// simulated MESHdesk/APdesk nodes, and the bytes this process allocated are divided by the requests. The nodes and
/// mosquitto run in their own process (<c>rdp-load simulate nodes</c>), so nothing but the proxy is counted. Counts bytes,
/// never time.
/// </summary>
[Collection(nameof(AllocationCountingCollection))]
[Trait("Category", "RealService")]
public class MqttAllocationTests(ITestOutputHelper output)
{
    private const int Nodes = 20;

    /// <summary>
    /// Measured 2026-12-07 (loadtests/README.md, "Slow-path allocation"): 2.26–2.48 KB per request in Release (4.1–4.2 KB
    /// before the shared driver deadlines, the one-string command, the cached topics, the single state machine of the node
    /// command bus, the pooled reply token sources and the PUBACK wait that owns its registration). What is left is the
    /// accepted request's decoded form (as on the forwarding path, ~0.8 KB with its duplicate-cache entry and answer), the
    /// driver's and the bus's state machines, the command, its NodeCommand and JSON buffer holder, the node's reply and
    /// the ACK's audit detail. The spread between runs (~200 B) is mostly pooled state machines and arrays that a thread finds
    /// in its own or its core's cache or not, depending on where the scheduler put the I/O and reader threads. The bound
    /// leaves room for that noise only: one more object per request anywhere on the path (a
    /// string, a state machine box, a token source: 100–300 B) fails it. Debug builds keep every async state machine as a
    /// class and were not measured; their bound only catches gross regressions.
    /// </summary>
#if DEBUG
    private const long MaxBytesPerRequest = 6_000;
#else
    private const long MaxBytesPerRequest = 2_700;
#endif

    [Fact]
    public async Task CoovaRequestThroughMosquitto_AllocatesLessThanTheBound()
    {
        await using NodesProcess nodes = await NodesProcess.StartAsync(Nodes);
        var nases = new List<NasTarget>();
        for (int i = 0; i < MeshdeskFleetLayout.Meshes(Nodes); i++)
        {
            nases.Add(new NasTarget
            {
                Name = "mesh" + i.ToString(CultureInfo.InvariantCulture),
                Type = CoovaNasType.TypeName,
                NasIdentifier = MeshdeskFleetLayout.MeshNasIdentifier(i),
                Settings = new CoovaNasSettings
                {
                    Nodes = [new MeshNode(MeshdeskFleetLayout.MeshNodeId(i), MeshdeskFleetLayout.MeshNodeMac(i), MeshdeskFleetLayout.MeshId(i))],
                },
            });
        }

        for (int i = 0; i < Nodes - MeshdeskFleetLayout.Meshes(Nodes); i++)
        {
            nases.Add(new NasTarget
            {
                Name = "ap" + i.ToString(CultureInfo.InvariantCulture),
                Type = CoovaNasType.TypeName,
                NasIdentifier = MeshdeskFleetLayout.ApNasIdentifier(i),
                Settings = new CoovaNasSettings { AccessPoint = new AccessPoint(MeshdeskFleetLayout.ApId(i), MeshdeskFleetLayout.ApMac(i)) },
            });
        }

        ProxyOptions options = TestOptions.Create(nases: nases) with
        {
            Mqtt = new MqttOptions { Mode = MqttMode.External, Server = nodes.Host, Port = nodes.Port, ReplyTimeout = TimeSpan.FromSeconds(5) },
        };
        await using ProxyHost proxy = await ProxyHost.StartAsync(options, configure: services =>
        {
            services.AddMqtt(options);
            new CoovaNasType().AddServices(services, options);
        });

        const int Warmup = 1_000;
        const int Measured = 20_000;
        byte[][] requests = new byte[Warmup + Measured][];
        for (int i = 0; i < requests.Length; i++)
        {
            string nas = (i % 2 == 0)
                ? MeshdeskFleetLayout.MeshNasIdentifier(i / 2 % MeshdeskFleetLayout.Meshes(Nodes))
                : MeshdeskFleetLayout.ApNasIdentifier(i / 2 % (Nodes - MeshdeskFleetLayout.Meshes(Nodes)));
            (byte, byte[])[] attributes =
            [
                TestPackets.UserName("user" + (i % 500).ToString("D4", CultureInfo.InvariantCulture)),
                TestPackets.NasIdentifier(nas),
                TestPackets.Text(RadiusAttributeType.AcctSessionId, "session-" + i.ToString(CultureInfo.InvariantCulture)),
                TestPackets.Text(RadiusAttributeType.CallingStationId, MacText(i)),
            ];
            requests[i] = i % 10 == 9
                ? TestPackets.Coa((byte)i, TestOptions.Secret, messageAuthenticator: true, [.. attributes, Wispr(7, 2_000_000), Wispr(8, 8_000_000)])
                : TestPackets.Disconnect((byte)i, TestOptions.Secret, messageAuthenticator: true, attributes);
        }

        AllocationMeter.AssertBytesPerRequest(output, "MQTT", proxy.EndPoint, requests, Warmup, receiveTimeoutMs: 10_000, MaxBytesPerRequest);
    }

    private static string MacText(int i) => string.Create(CultureInfo.InvariantCulture,
        $"0C-C6-FD-{(i >> 16) & 0xFF:X2}-{(i >> 8) & 0xFF:X2}-{i & 0xFF:X2}");

    /// <summary>A WISPr vendor attribute (vendor 14122) with a 32-bit value (bit/s).</summary>
    private static (byte, byte[]) Wispr(byte type, uint value)
    {
        byte[] vsa = new byte[4 + 2 + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(vsa, VendorIds.Wispr);
        vsa[4] = type;
        vsa[5] = 6;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(vsa.AsSpan(6), value);
        return TestPackets.Raw(RadiusAttributeType.VendorSpecific, vsa);
    }

    /// <summary><c>rdp-load simulate nodes</c> in its own process: a private mosquitto and a fleet of acknowledging nodes.</summary>
    private sealed class NodesProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private NodesProcess(Process process, string host, int port)
        {
            _process = process;
            Host = host;
            Port = port;
        }

        public string Host { get; }

        public int Port { get; }

        public static async Task<NodesProcess> StartAsync(int nodes)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "rdp-load.dll"), "simulate", "nodes", "--nodes", nodes.ToString(CultureInfo.InvariantCulture),
                "--lifetime", "300s",
            })
            {
                start.ArgumentList.Add(argument);
            }

            Process process = Process.Start(start)!;
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (line.StartsWith("READY nodes ", StringComparison.Ordinal))
                    {
                        string mqtt = line.Split(' ').Single(f => f.StartsWith("mqtt=", StringComparison.Ordinal))["mqtt=".Length..];
                        int colon = mqtt.LastIndexOf(':');
                        return new NodesProcess(process, mqtt[..colon], int.Parse(mqtt[(colon + 1)..], CultureInfo.InvariantCulture));
                    }
                }

                throw new InvalidOperationException("simulate nodes ended before READY: " + await process.StandardError.ReadToEndAsync(deadline.Token));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Closing stdin ends the simulator (SimulatorLifetime), which stops its mosquitto.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
