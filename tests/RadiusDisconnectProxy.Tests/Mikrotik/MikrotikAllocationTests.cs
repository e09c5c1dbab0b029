using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.RouterOs.Protocol;
using RadiusDisconnectProxy.Tests.EndToEnd;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

/// <summary>
/// Guards the RouterOS API removal path against allocation creeping back (loadtests/README.md, "RouterOS API path"):
/// distinct Disconnect-Requests go one at a time through the Mikrotik driver and the pooled API client to a loopback
/// router that answers each command from canned bytes (hotspot print: one row; PPP print, remove, cookie print: none)
/// and allocates nothing itself, so the bytes the whole process allocated, divided by the removals, are the driver's
/// and the client's. Counts bytes, never time.
/// </summary>
[Collection(nameof(AllocationCountingCollection))]
public sealed class MikrotikAllocationTests
{
    /// <summary>
    /// Measured 2026-12-07 (loadtests/README.md, "RouterOS API path"): 5,008 B per removal in Release (Debug 6,232 B), four
    /// commands (9,040 B before the reply model, numeric tags and self-finishing commands). What is left is the request's own work:
    /// the session query and its filter lists, the commands and their words, one pending command, one response and one
    /// task per command, the row's values, the state machines of the driver flow, the RouterSession and the ACK detail.
    /// The bound leaves room for noise only: one more object per command (100–200 B each, four commands) fails it.
    /// </summary>
#if DEBUG
    private const long MaxBytesPerRemoval = 7_000;
#else
    private const long MaxBytesPerRemoval = 5_500;
#endif

    [Fact]
    public async Task Removal_AllocatesLessThanTheBound()
    {
        using var router = new CannedRouter();
        await using MikrotikClientCache clients = Clients();
        MikrotikDriver driver = Driver(clients);
        NasTarget nas = new()
        {
            Name = "hq",
            Type = MikrotikNasType.TypeName,
            Settings = new MikrotikNasSettings { ApiHost = "127.0.0.1", ApiPort = router.Port, ApiUsername = "admin", ApiPassword = "secret" },
        };

        const int Warmup = 500;
        const int Measured = 5_000;
        var requests = new DynamicAuthorizationRequest[Warmup + Measured];
        for (int i = 0; i < requests.Length; i++)
        {
            requests[i] = Disconnect(new SessionKeys { UserName = $"user{i:D6}", CallingStationId = $"02-00-00-00-{i / 256 % 256:X2}-{i % 256:X2}" });
        }

        CancellationToken deadline = Deadline(120);
        Assert.Equal(Warmup, await RemoveAsync(driver, nas, requests.AsMemory(0, Warmup), deadline));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        int acks = await RemoveAsync(driver, nas, requests.AsMemory(Warmup), deadline);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Measured, acks);
        long perRemoval = allocated / Measured;
        Assert.True(perRemoval <= MaxBytesPerRemoval,
            $"the RouterOS removal path allocated {perRemoval} B per removal ({allocated} B for {Measured}); bound {MaxBytesPerRemoval} B");
    }

    private static async Task<int> RemoveAsync(MikrotikDriver driver, NasTarget nas, ReadOnlyMemory<DynamicAuthorizationRequest> requests,
        CancellationToken deadline)
    {
        int acks = 0;
        for (int i = 0; i < requests.Length; i++)
        {
            DriverResult result = await driver.ExecuteAsync(requests.Span[i], nas, deadline);
            acks += result.IsAck ? 1 : 0;
        }

        return acks;
    }

    /// <summary>
    /// A router that answers from canned bytes on a thread per connection and allocates nothing per command: every login
    /// succeeds, a hotspot print returns one row for the queried user, every other command just <c>!done</c>; replies
    /// carry the command's <c>.tag</c> and leave in one write, as the simulator's do.
    /// </summary>
    private sealed class CannedRouter : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly List<Socket> _connections = [];

        public CannedRouter()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(8);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            new Thread(Accept) { IsBackground = true, Name = "canned-router" }.Start();
        }

        public int Port { get; }

        public void Dispose()
        {
            _listener.Dispose();
            lock (_connections)
            {
                foreach (Socket connection in _connections)
                {
                    connection.Dispose();
                }
            }
        }

        private void Accept()
        {
            try
            {
                while (true)
                {
                    Socket connection = _listener.Accept();
                    connection.NoDelay = true; // as the simulator: each reply leaves at once
                    lock (_connections)
                    {
                        _connections.Add(connection);
                    }

                    new Thread(() => Serve(connection)) { IsBackground = true, Name = "canned-router-connection" }.Start();
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Disposed.
            }
        }

        private static void Serve(Socket socket)
        {
            try
            {
                using var stream = new NetworkStream(socket, ownsSocket: true);
                using var reader = new SentenceReader(stream);
                using var writer = new SentenceWriter();
                byte[] userWord = new byte[1024];
                while (reader.ReadSentence())
                {
                    ReadOnlySpan<byte> path = reader.GetWord(0);
                    ReadOnlySpan<byte> tag = default;
                    ReadOnlySpan<byte> user = default;
                    for (int i = 1; i < reader.WordCount; i++)
                    {
                        ReadOnlySpan<byte> word = reader.GetWord(i);
                        if (word.StartsWith(".tag="u8))
                        {
                            tag = word;
                        }
                        else if (word.StartsWith("?user="u8))
                        {
                            user = word[6..];
                        }
                    }

                    writer.Reset();
                    if (path.SequenceEqual("/quit"u8))
                    {
                        writer.AppendWord("!fatal"u8);
                        writer.AppendWord("session terminated on request"u8);
                        writer.EndSentence();
                        stream.Write(writer.WrittenSpan);
                        return;
                    }

                    if (path.SequenceEqual("/ip/hotspot/active/print"u8) && !user.IsEmpty)
                    {
                        writer.AppendWord("!re"u8);
                        writer.AppendWord("=.id=*1A"u8);
                        writer.AppendWord("=server=hs1"u8);
                        "=user="u8.CopyTo(userWord);
                        user.CopyTo(userWord.AsSpan(6));
                        writer.AppendWord(userWord.AsSpan(0, 6 + user.Length));
                        writer.AppendWord("=address=10.5.50.10"u8);
                        writer.AppendWord("=mac-address=02:00:00:00:00:01"u8);
                        writer.AppendWord("=uptime=1h2m3s"u8);
                        AppendTag(writer, tag);
                        writer.EndSentence();
                    }

                    writer.AppendWord("!done"u8);
                    AppendTag(writer, tag);
                    writer.EndSentence();
                    stream.Write(writer.WrittenSpan);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The client closed.
            }
        }

        private static void AppendTag(SentenceWriter writer, ReadOnlySpan<byte> tag)
        {
            if (!tag.IsEmpty)
            {
                writer.AppendWord(tag);
            }
        }
    }
}
