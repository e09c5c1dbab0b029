using System.Diagnostics;
using System.Net;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>Runs Debian's radclient once (correctness only, never load) and captures what it printed.</summary>
internal static class RadclientProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IPEndPoint server, string command, string secret, string attributes)
    {
        var info = new ProcessStartInfo("radclient")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["-r", "1", "-t", "5", "-x", server.ToString(), command, secret])
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(attributes);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
