using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;
using Xunit.Abstractions;

namespace RadiusDisconnectProxy.Tests.Install;

/// <summary>
/// The Debian package as an operator meets it (issue 10, docs/operations.md "Install from the package"):
/// <c>scripts/package.sh</c> builds the self-contained single-file binary and the .deb with dpkg-deb (<c>--fast</c>:
/// gzip instead of xz, the same contents); <c>dpkg -i</c>
/// installs it on this machine (system user radproxy, conffile root:radproxy 0640, unit, man page, dictionaries);
/// the installed binary runs as radproxy (check-config, then serve answering radclient); <c>dpkg -r</c> keeps only the
/// conffile and <c>dpkg --purge</c> leaves nothing behind, not even the user.
/// </summary>
[Trait("Category", "RealService")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(PackageCollection.Name)]
public sealed class DebianPackageTests(ITestOutputHelper output)
{
    private const string Package = "radius-disconnect-proxy";
    private const string User = "radproxy";
    private const string Binary = "/usr/bin/radius-disconnect-proxy";
    private const string ConfigDirectory = "/etc/radius-disconnect-proxy";
    private const string Conffile = ConfigDirectory + "/radius.conf";
    private const string Secret = "testing123";
    private const string NasSecret = "nas-secret";
    private static readonly TimeSpan s_dpkgTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Package_BuildsInstallsRunsAsRadproxy_RemovesAndPurgesCleanly()
    {
        string work = Directory.CreateTempSubdirectory("rdp-deb-").FullName;
        try
        {
            string deb = await BuildAsync(work);
            using MachineWideLock machine = await MachineWideLock.AcquireAsync("radius-disconnect-proxy-package-test", TimeSpan.FromMinutes(10));
            await PurgeLeftoverAsync();
            List<string> preexisting = PackagePaths(deb).Where(p => Path.Exists(p)).ToList();

            Command.Result install = await DpkgAsync("-i", deb);
            Assert.True(install.ExitCode == 0, "dpkg -i: " + install);
            try
            {
                AssertInstalledLayout();
                await AssertRunsAsServiceUserAsync(work);
            }
            finally
            {
                await RemoveAndPurgeAsync(deb, preexisting);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<string> BuildAsync(string work)
    {
        var clock = Stopwatch.StartNew();
        Command.Result build = await Command.RunAsync("bash", ["scripts/package.sh", "--out", work, "--fast"], TimeSpan.FromMinutes(8));
        Assert.True(build.ExitCode == 0, "scripts/package.sh: " + build);
        string deb = build.Output.Trim().Split('\n')[^1];
        Assert.Matches(@"/radius-disconnect-proxy_\d+\.\d+\.\d+_amd64\.deb$", deb);
        Assert.True(File.Exists(deb), deb);
        output.WriteLine($"package.sh: {clock.Elapsed.TotalSeconds:0.0} s; {Path.GetFileName(deb)}: {new FileInfo(deb).Length / 1e6:0.0} MB");
        return deb;
    }

    /// <summary>A run that died between install and purge leaves the package behind: start from a clean machine.</summary>
    private static async Task PurgeLeftoverAsync()
    {
        Command.Result status = await Command.RunAsync("dpkg-query", ["-W", "-f=${Status}", Package], TimeSpan.FromSeconds(30));
        if (status.ExitCode == 0 && !status.Output.Contains("not-installed", StringComparison.Ordinal))
        {
            Command.Result purge = await DpkgAsync("--purge", Package);
            Assert.True(purge.ExitCode == 0, "purging a leftover install: " + purge);
        }
    }

    private static void AssertInstalledLayout()
    {
        // The binary, reached through /usr/bin, with the dictionaries beside its real path.
        Assert.True(File.Exists(Binary), Binary);
        Assert.True(File.Exists("/usr/share/radius-disconnect-proxy/dictionaries/dictionary"));
        Assert.True(File.Exists("/usr/lib/radius-disconnect-proxy/dictionaries/dictionary"));

        // The configuration: readable by the service user's group, by nobody else.
        UnixFileMode mode = File.GetUnixFileMode(Conffile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, mode);
        Assert.Equal($"root:{User}", OwnerAndGroup(Conffile));

        // The system user: a system uid, no login shell.
        string[] passwd = File.ReadAllLines("/etc/passwd").Single(l => l.StartsWith(User + ":", StringComparison.Ordinal)).Split(':');
        Assert.True(int.Parse(passwd[2], CultureInfo.InvariantCulture) < 1000, string.Join(':', passwd));
        Assert.Equal("/usr/sbin/nologin", passwd[6]);

        // The unit and the man page.
        string unit = File.ReadAllText("/lib/systemd/system/radius-disconnect-proxy.service");
        Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/radius-disconnect-proxy serve --config /etc/radius-disconnect-proxy/radius.conf", unit, StringComparison.Ordinal);
        Assert.Contains("ExecReload=/bin/kill -HUP $MAINPID", unit, StringComparison.Ordinal);
        Assert.Contains("User=radproxy", unit, StringComparison.Ordinal);
        using (var man = new GZipStream(File.OpenRead("/usr/share/man/man8/radius-disconnect-proxy.8.gz"), CompressionMode.Decompress))
        using (var reader = new StreamReader(man))
        {
            Assert.Contains(".TH RADIUS-DISCONNECT-PROXY 8", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    private async Task AssertRunsAsServiceUserAsync(string work)
    {
        // The installed configuration, read by the service user (group radproxy) with the packaged dictionaries.
        Command.Result check = await Command.RunAsync("runuser", ["-u", User, "--", Binary, "check-config", "--config", Conffile], TimeSpan.FromMinutes(1));
        Assert.True(check.ExitCode == 0, "check-config as radproxy: " + check);
        Command.Result other = await Command.RunAsync("runuser", ["-u", "nobody", "--", "cat", Conffile], TimeSpan.FromMinutes(1));
        Assert.True(other.ExitCode != 0, "radius.conf must not be readable by other users: " + other);

        // serve, as radproxy, on a free port with a temporary configuration: radclient's Disconnect-Request is forwarded
        // to an RFC 5176 NAS simulator and its ACK relayed.
        await using NasSimulator nas = NasSimulator.Start(NasSecret);
        int port = FreeUdpPort();
        string configDirectory = Path.Combine(work, "config");
        Directory.CreateDirectory(configDirectory);
        File.SetUnixFileMode(work, (UnixFileMode)0x1ED); // 0755: radproxy must reach the file
        string config = Path.Combine(configDirectory, "radius.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            listen { ipaddr = 127.0.0.1  port = {{port}} }
            client local { ipaddr = 127.0.0.1  secret = {{Secret}} }
            mqtt { mode = off }
            audit { enabled = yes }
            nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = {{nas.Endpoint.Port}}  secret = {{NasSecret}} }

            """));

        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (string argument in (string[])["--reuid", User, "--regid", User, "--init-groups", Binary, "serve", "--config", config])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("RDP__", StringComparison.OrdinalIgnoreCase) || k == "NOTIFY_SOCKET").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = "/nonexistent";
        var clock = Stopwatch.StartNew();
        using Process daemon = Process.Start(start) ?? throw new InvalidOperationException("setpriv did not start");
        Task<string> stdout = daemon.StandardOutput.ReadToEndAsync();
        Task<string> stderr = daemon.StandardError.ReadToEndAsync();
        try
        {
            TimeSpan firstAnswer = await FirstAnswerAsync(new IPEndPoint(IPAddress.Loopback, port), daemon, TimeSpan.FromSeconds(30));
            output.WriteLine($"single-file binary: first answer {firstAnswer.TotalMilliseconds:0} ms after start (as {User})");
            Assert.Equal(UidOf(User), RealUid(daemon.Id));

            RadclientResult answer = await RadclientRunner.RunAsync(new IPEndPoint(IPAddress.Loopback, port), "disconnect", Secret,
                "NAS-Identifier = \"bras-1\", User-Name = \"alice\", Acct-Session-Id = \"S1\", Message-Authenticator = 0x00", timeoutSeconds: 10);
            Assert.True(answer.ReplyCode == "Disconnect-ACK" && answer.ExitCode == 0, answer.ToString());
            Assert.Contains(nas.Received, p => p.AcctSessionId == "S1");

            using (Process term = Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await daemon.WaitForExitAsync(stop.Token);
            Assert.True(daemon.ExitCode == 0, $"serve as radproxy, SIGTERM: exit {daemon.ExitCode}\n{await stdout}\n{await stderr}");
            Assert.DoesNotContain(Secret, await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!daemon.HasExited)
            {
                daemon.Kill();
                await daemon.WaitForExitAsync();
            }

            output.WriteLine(clock.Elapsed.ToString());
        }
    }

    private static async Task RemoveAndPurgeAsync(string deb, List<string> preexisting)
    {
        List<string> installed = PackagePaths(deb);

        // dpkg -r: the program goes, the conffile and the user stay (Debian policy).
        Command.Result remove = await DpkgAsync("-r", Package);
        Assert.True(remove.ExitCode == 0, "dpkg -r: " + remove);
        Assert.False(Path.Exists(Binary), Binary + " after dpkg -r");
        Assert.True(File.Exists(Conffile), Conffile + " must stay after dpkg -r");
        Command.Result status = await Command.RunAsync("dpkg-query", ["-W", "-f=${Status}", Package], TimeSpan.FromSeconds(30));
        Assert.Equal("deinstall ok config-files", status.Output.Trim());

        // dpkg --purge: nothing remains, not the configuration directory, not the user or group.
        Command.Result purge = await DpkgAsync("--purge", Package);
        Assert.True(purge.ExitCode == 0, "dpkg --purge: " + purge);
        Assert.False(Directory.Exists(ConfigDirectory), ConfigDirectory + " after purge");
        Assert.DoesNotContain(File.ReadAllLines("/etc/passwd"), l => l.StartsWith(User + ":", StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadAllLines("/etc/group"), l => l.StartsWith(User + ":", StringComparison.Ordinal));
        List<string> left = installed.Where(p => !preexisting.Contains(p) && Path.Exists(p)).ToList();
        Assert.True(left.Count == 0, "left after purge: " + string.Join(", ", left));
        Command.Result gone = await Command.RunAsync("dpkg-query", ["-W", "-f=${Status}", Package], TimeSpan.FromSeconds(30));
        Assert.True(gone.ExitCode != 0 || gone.Output.Contains("not-installed", StringComparison.Ordinal), "dpkg still knows the package: " + gone);
    }

    /// <summary>Every path the package holds (from its own file list: <c>dpkg-deb -c</c>), as installed.</summary>
    private static List<string> PackagePaths(string deb)
    {
        using var list = Process.Start(new ProcessStartInfo("dpkg-deb", ["-c", deb]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string text = list.StandardOutput.ReadToEnd();
        list.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5])
            .Select(path => path.TrimStart('.').TrimEnd('/'))
            .Where(path => path.Length > 0)
            .ToList();
    }

    /// <summary>dpkg, waiting while another package operation on the machine holds its lock.</summary>
    private static async Task<Command.Result> DpkgAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        DateTime deadline = DateTime.UtcNow + s_dpkgTimeout;
        while (true)
        {
            Command.Result result = await Command.RunAsync("dpkg", arguments, s_dpkgTimeout, environment);
            if (result.ExitCode == 0 || !result.Error.Contains("lock", StringComparison.OrdinalIgnoreCase) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>Sends signed Disconnect-Requests for an unknown NAS every 20 ms until one is answered (NAK 502).</summary>
    private static async Task<TimeSpan> FirstAnswerAsync(IPEndPoint server, Process daemon, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        byte identifier = 0;
        while (clock.Elapsed < timeout && !daemon.HasExited)
        {
            byte[] request = TestPackets.Disconnect(identifier++, Secret, messageAuthenticator: true,
                TestPackets.UserName("probe"), TestPackets.NasIdentifier("nowhere"));
            try
            {
                await socket.SendAsync(request);
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
                int received = await socket.ReceiveAsync(buffer, wait.Token);
                if (received >= 20 && buffer[0] == (byte)RadiusCode.DisconnectNak)
                {
                    return clock.Elapsed;
                }
            }
            catch (OperationCanceledException)
            {
                // Not answered yet.
            }
            catch (SocketException)
            {
                // ICMP port unreachable before the socket is bound.
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"no answer from the installed daemon within {timeout} (exited: {daemon.HasExited})");
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string OwnerAndGroup(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U:%G", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }

    private static string UidOf(string user) =>
        File.ReadAllLines("/etc/passwd").Single(l => l.StartsWith(user + ":", StringComparison.Ordinal)).Split(':')[2];

    private static string RealUid(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
}
