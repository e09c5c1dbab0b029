using System.Diagnostics;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>Runs the MariaDB command-line tools (and <c>kill</c>) for <see cref="MariaDbServer"/>.</summary>
internal static class MariaDbTools
{
    /// <summary>Runs <paramref name="tool"/> to completion, feeding <paramref name="stdin"/>; throws InvalidOperationException on a non-zero exit.</summary>
    public static async Task RunAsync(string tool, string[] args, string? stdin, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The tool exited before reading its input (e.g. the mariadb client while the server's socket does not
                // exist yet): a broken pipe. Its exit code below tells the caller, as for any other failure. Disposing
                // the writer now (its flush fails once more) keeps Process.Dispose from throwing the same error.
                try
                {
                    process.StandardInput.Dispose();
                }
                catch (IOException)
                {
                    // Already reported by the exit code.
                }
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        await output;
        string errorText = await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {errorText.Trim()}");
        }
    }
}
