using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Rest;

namespace RadiusDisconnectProxy.Tests.LoadTool;

/// <summary>
/// `rdp-load simulate routeros --rest` as a user starts it (README "Try a MikroTik", docs/mikrotik-rest.md): one router
/// whose REST face (HTTPS, the printed fingerprint pinned) and binary API serve the same sessions.
/// </summary>
[Trait("Category", "RealService")]
public sealed class SimulateRouterOsRestTests
{
    [Fact]
    public async Task One_Router_Answers_Rest_And_The_Api_Over_The_Same_Sessions()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "rdp-load.dll"), "simulate", "routeros", "--address", "127.0.0.1", "--port", "0",
            "--rest", "--rest-port", "0", "--rest-http-port", "0", "--lifetime", "120s",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            string ready = await ReadyLineAsync(process, deadline.Token);
            Dictionary<string, string> fields = ready.Split(' ').Where(f => f.Contains('=', StringComparison.Ordinal))
                .ToDictionary(f => f[..f.IndexOf('=', StringComparison.Ordinal)], f => f[(f.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var https = new Uri(fields["rest"]);
            Assert.Equal("https", https.Scheme);
            Assert.StartsWith("http://127.0.0.1:", fields["rest_http"], StringComparison.Ordinal);

            using var rest = new RouterOsRestClient(new RouterOsRestOptions
            {
                Host = "127.0.0.1", Port = https.Port, CertificateFingerprint = fields["fingerprint"], Username = "rdproxy", Password = "change me",
            });
            IReadOnlyList<Row> alice = await rest.GetAsync("ip/hotspot/active", [new("user", "alice")], [".id", "user"], deadline.Token);
            Assert.Equal(RestRemoveResult.Removed, await rest.DeleteAsync("ip/hotspot/active", Assert.Single(alice).Id!, deadline.Token));

            // The binary API of the same router no longer lists alice: one router state behind both faces.
            string[] api = fields["api"].Split(':');
            await using var client = new RouterOsClient(new RouterOsClientOptions
            {
                Host = api[0], Port = int.Parse(api[1], CultureInfo.InvariantCulture), Username = "rdproxy", Password = "change me",
            });
            Response hotspot = await client.ExecuteAsync(new Command("/ip/hotspot/active/print"), deadline.Token);
            Assert.Equal(["bob"], hotspot.Rows.Select(r => r["user"]));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadyLineAsync(Process process, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("READY routeros ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException("simulate routeros ended before READY: " + await process.StandardError.ReadToEndAsync(cancellationToken));
    }
}
