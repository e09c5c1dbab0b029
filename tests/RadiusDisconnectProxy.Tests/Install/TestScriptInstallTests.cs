namespace RadiusDisconnectProxy.Tests.Install;

/// <summary>
/// The install path of <c>scripts/test.sh</c> (the README's test command, which CI runs), exercised without touching
/// the machine: the real script runs with stand-ins for dpkg-query, apt-get, sudo, service, systemctl, update-rc.d and
/// dotnet first on PATH, and its policy-rc.d pointed at a scratch file. Issue 10 item 1: with a policy-rc.d already
/// present (Docker-style images) and a package missing, the script used to exit 1 silently before running any test.
/// </summary>
[Trait("Category", "RealService")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestScriptInstallTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rdp-testsh-").FullName;

    public TestScriptInstallTests()
    {
        string bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        // Each stand-in appends "name args" to $STUB_LOG.
        Stub(bin, "dpkg-query", """
            pkg="${@: -1}"
            for m in $STUB_MISSING; do [ "$m" = "$pkg" ] && { echo "dpkg-query: no packages found matching $pkg" >&2; exit 1; }; done
            printf 'install ok installed'
            """);
        Stub(bin, "apt-get", """
            if [ -e "$RDP_POLICY_RC_D" ]; then echo "policy-rc.d during apt-get: $(tail -n 1 "$RDP_POLICY_RC_D")" >> "$STUB_LOG"; fi
            case " $* " in *" install "*) exit "${STUB_APT_EXIT:-0}" ;; esac
            exit 0
            """);
        Stub(bin, "sudo", "exec \"$@\"");
        Stub(bin, "service", "exit 0");
        Stub(bin, "systemctl", "exit 0");
        Stub(bin, "update-rc.d", "exit 0");
        Stub(bin, "dotnet", "printf 'Passed!  - Failed: 0, Passed: 3\\n  Passed: 3\\n  Failed: 0\\n'");
    }

    private string Log => Path.Combine(_directory, "calls.log");

    private string Policy => Path.Combine(_directory, "policy-rc.d");

    [Fact]
    public async Task PackageMissing_PolicyRcdAlreadyThere_Installs_KeepsTheirPolicy_RunsTheTests()
    {
        await File.WriteAllTextAsync(Policy, "#!/bin/sh\n# theirs\nexit 101\n");

        Command.Result run = await RunAsync(missing: "mosquitto-clients");

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] calls = await File.ReadAllLinesAsync(Log);
        Assert.Contains(calls, c => c.StartsWith("apt-get ", StringComparison.Ordinal) && c.EndsWith(" install -y -qq --no-install-recommends mosquitto-clients", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("dotnet test RadiusDisconnectProxy.sln", StringComparison.Ordinal));
        Assert.Equal("#!/bin/sh\n# theirs\nexit 101\n", await File.ReadAllTextAsync(Policy));
        Assert.Contains("tests: 3 passed, 0 failed, 0 skipped", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServicePackageMissing_NoPolicyRcd_InstallsUnderATemporaryOne_DisablesTheService_RunsTheTests()
    {
        Command.Result run = await RunAsync(missing: "mosquitto mariadb-server");

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] calls = await File.ReadAllLinesAsync(Log);
        // Services were kept from starting during the install, and the temporary policy is gone afterwards.
        Assert.Contains("policy-rc.d during apt-get: exit 101", calls);
        Assert.False(File.Exists(Policy), "the temporary policy-rc.d must be removed");
        // Neither service is left enabled (systemctl disable, or update-rc.d … disable where systemd is not running).
        foreach (string service in (string[])["mosquitto", "mariadb"])
        {
            Assert.Contains(calls, c => (c.StartsWith("systemctl disable", StringComparison.Ordinal) || c.StartsWith("update-rc.d", StringComparison.Ordinal))
                                        && c.Contains(service, StringComparison.Ordinal) && c.Contains("disable", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(calls, c => c.Contains("freeradius", StringComparison.Ordinal) && !c.StartsWith("dpkg-query", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("dotnet test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallFails_SaysSo_ExitsNonZero_RemovesItsPolicy_RunsNoTests()
    {
        Command.Result run = await RunAsync(missing: "freeradius-utils", aptExit: 100);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("test.sh: apt-get could not install freeradius-utils", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Policy));
        Assert.DoesNotContain(await File.ReadAllLinesAsync(Log), c => c.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingMissing_NoAptGet_RunsTheTestsWithTheExtraArguments()
    {
        Command.Result run = await RunAsync(missing: "", extra: ["--filter", "Category!=RealService"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] calls = await File.ReadAllLinesAsync(Log);
        Assert.DoesNotContain(calls, c => c.StartsWith("apt-get", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("dotnet test", StringComparison.Ordinal) && c.EndsWith("--filter Category!=RealService", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<Command.Result> RunAsync(string missing, int aptExit = 0, string[]? extra = null)
    {
        File.AppendAllText(Log, "");
        return Command.RunAsync("bash", ["scripts/test.sh", .. extra ?? []], TimeSpan.FromMinutes(1), new Dictionary<string, string?>
        {
            ["PATH"] = Path.Combine(_directory, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["RDP_POLICY_RC_D"] = Policy,
            ["STUB_LOG"] = Log,
            ["STUB_MISSING"] = missing,
            ["STUB_APT_EXIT"] = aptExit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static void Stub(string bin, string name, string body)
    {
        string path = Path.Combine(bin, name);
        File.WriteAllText(path, $"#!/bin/bash\necho \"{name} $*\" >> \"$STUB_LOG\"\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
    }
}
