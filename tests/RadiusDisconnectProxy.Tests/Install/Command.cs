using System.Diagnostics;

namespace RadiusDisconnectProxy.Tests.Install;

/// <summary>Runs a command to completion and keeps what it printed: for the install-path tests (dpkg, scripts).</summary>
internal static class Command
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    /// <summary>The repository root (the directory holding RadiusDisconnectProxy.sln), found above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A child build must not inherit the test host's MSBuild or vstest state, nor a daemon override.
        foreach (string name in start.Environment.Keys
                     .Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                                 || k.StartsWith("RDP__", StringComparison.OrdinalIgnoreCase) || k == "NOTIFY_SOCKET")
                     .ToList())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await output}\n{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RadiusDisconnectProxy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no RadiusDisconnectProxy.sln above {AppContext.BaseDirectory}");
    }
}
