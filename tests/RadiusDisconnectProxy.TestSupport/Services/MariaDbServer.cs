using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// A private MariaDB server (Debian <c>mariadb-server</c>) in a temporary data directory on a free 127.0.0.1 port,
/// with database <c>rd</c> and a TCP user for the code under test. Root is reachable on the unix socket only.
/// <see cref="StopAsync"/> / <see cref="StartAsync"/> simulate an outage on the same port; disposing kills the
/// server by its process id and deletes the directory.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    public const string DatabaseName = "rd";
    public const string UserName = "rdproxy";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private Process? _process;

    private MariaDbServer(string directory, int port, string password)
    {
        _directory = directory;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The TCP user's password (random per server).</summary>
    public string Password { get; }

    /// <summary>Keep this short: a unix socket path must fit in 108 bytes.</summary>
    public string SocketPath => Path.Combine(_directory, "m.sock");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Connection string of the TCP user on database <c>rd</c>, with short timeouts for tests.</summary>
    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)Port,
        Database = DatabaseName,
        UserID = UserName,
        Password = Password,
        ConnectionTimeout = 2,
        DefaultCommandTimeout = 5,
    }.ConnectionString;

    /// <summary>Creates the data directory, starts the server, creates <c>rd</c> and the user, runs <paramref name="initSql"/> in <c>rd</c>.</summary>
    public static async Task<MariaDbServer> StartNewAsync(string? initSql = null, CancellationToken cancellationToken = default)
    {
        // The free port is found before mariadbd binds it; on a busy machine another process may take it in between.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(initSql, cancellationToken);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<MariaDbServer> StartOnFreePortAsync(string? initSql, CancellationToken cancellationToken)
    {
        // Path.GetTempPath() may be long (TMPDIR); /tmp keeps the socket path well under the limit.
        string root = Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        string directory = Path.Combine(root, "rdp-mdb-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var server = new MariaDbServer(directory, FreeTcpPort(), Guid.NewGuid().ToString("N"));
        // A private temporary directory: with the shared /tmp, the bootstrap's temporary tables (/tmp/#sql-temptable-…)
        // were seen to vanish under another instance starting at the same time ("Unknown table mysql.tmp_user_…").
        Directory.CreateDirectory(server.TemporaryDirectory);
        try
        {
            await MariaDbTools.RunAsync("mariadb-install-db",
                ["--no-defaults", $"--datadir={server.DataDirectory}", $"--user={Environment.UserName}",
                 "--auth-root-authentication-method=normal", "--skip-test-db", $"--tmpdir={server.TemporaryDirectory}"], null, cancellationToken);
            await server.StartAsync(cancellationToken);
            string setup = $"""
                CREATE DATABASE {DatabaseName} CHARACTER SET utf8mb4;
                CREATE USER '{UserName}'@'127.0.0.1' IDENTIFIED BY '{server.Password}';
                GRANT ALL ON {DatabaseName}.* TO '{UserName}'@'127.0.0.1';
                USE {DatabaseName};
                {initSql}
                """;
            await server.ExecuteAsRootAsync(setup, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string TemporaryDirectory => Path.Combine(_directory, "tmp");

    /// <summary>Starts mariadbd (again, after <see cref="StopAsync"/>) on the same port and waits until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo("mariadbd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--no-defaults", $"--datadir={DataDirectory}", $"--socket={SocketPath}",
                     $"--port={Port}", "--bind-address=127.0.0.1", $"--user={Environment.UserName}", "--skip-name-resolve",
                     $"--tmpdir={TemporaryDirectory}", "--innodb-buffer-pool-size=64M", "--skip-log-bin",
                     // A throwaway test server: no fsync, so TRUNCATE between tests and inserts cost almost nothing.
                     "--innodb-flush-method=nosync", "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", $"--pid-file={Path.Combine(_directory, "m.pid")}",
                     $"--log-error={Path.Combine(_directory, "error.log")}"])
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("mariadbd did not start");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mariadbd exited with {_process.ExitCode}: {ReadErrorLog()}");
            }

            try
            {
                await ExecuteAsRootAsync("select 1", cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (deadline.Elapsed < s_startTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Stops the server (SIGTERM, then SIGKILL after 10 s) so clients see it go away; the data stays.</summary>
    public async Task StopAsync()
    {
        Process? process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                await MariaDbTools.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, default);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing answers, like a database stuck on I/O.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private Task SignalAsync(string signal)
    {
        Process process = _process ?? throw new InvalidOperationException("mariadbd is not running");
        return MariaDbTools.RunAsync("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, default);
    }

    /// <summary>Runs SQL as root over the unix socket with the <c>mariadb</c> client; throws InvalidOperationException on failure.</summary>
    public Task ExecuteAsRootAsync(string sql, CancellationToken cancellationToken = default) =>
        MariaDbTools.RunAsync("mariadb", ["--no-defaults", "-uroot", $"--socket={SocketPath}", "--batch"], sql, cancellationToken);

    /// <summary>An open connection as the TCP user (for seeding and assertions).</summary>
    public async Task<MySqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            using (process)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover directory in /tmp is harmless.
        }
    }

    private string ReadErrorLog()
    {
        string path = Path.Combine(_directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error log)";
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
