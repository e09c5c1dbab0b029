using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// Runs the real FreeRADIUS radclient (Debian freeradius-utils) against an endpoint:
/// <c>printf 'ATTRS' | radclient -r RETRIES -t TIMEOUT -x HOST:PORT disconnect|coa SECRET</c>. radclient verifies the
/// Response Authenticator and Message-Authenticator of what comes back, so a parsed reply is also proof of a correctly
/// signed answer. For correctness checks only: it cannot generate load.
/// </summary>
public static class RadclientRunner
{
    public const string Executable = "radclient";

    /// <param name="attributes">radclient's text form, e.g. <c>User-Name = "alice", Message-Authenticator = 0x00</c>.</param>
    public static async Task<RadclientResult> RunAsync(IPEndPoint server, string command, string secret, string attributes,
        int timeoutSeconds = 3, int retries = 1, CancellationToken cancellationToken = default)
    {
        string host = server.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{server.Address}]" : server.Address.ToString();
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "-r", retries.ToString(CultureInfo.InvariantCulture),
            "-t", timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "-x", $"{host}:{server.Port.ToString(CultureInfo.InvariantCulture)}", command, secret,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("radclient did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteLineAsync(attributes).ConfigureAwait(false);
        process.StandardInput.Close();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds((timeoutSeconds * (retries + 1)) + 20));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        string stdout = await output.ConfigureAwait(false);
        return Parse(process.ExitCode, stdout, await error.ConfigureAwait(false));
    }

    /// <summary>Reads "Received Disconnect-ACK Id 7 from … length 44" and the tab-indented attribute lines after it.</summary>
    public static RadclientResult Parse(int exitCode, string output, string error)
    {
        string? replyCode = null;
        var attributes = new List<string>();
        bool inReply = false;
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("Received ", StringComparison.Ordinal))
            {
                string[] words = line.Split(' ');
                replyCode = words.Length > 1 ? words[1] : null;
                inReply = true;
                attributes.Clear();
            }
            else if (line.StartsWith('\t') && inReply)
            {
                attributes.Add(line.Trim());
            }
            else
            {
                inReply = false;
            }
        }

        return new RadclientResult(exitCode, output, error, replyCode, attributes);
    }
}
