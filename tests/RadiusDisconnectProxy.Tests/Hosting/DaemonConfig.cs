using System.Globalization;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>A radius.conf in its own temporary directory for a test of the real executable; rewritable for SIGHUP.</summary>
internal sealed class DaemonConfig : IDisposable
{
    public DaemonConfig(string text)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rdp-daemon-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "radius.conf");
        Write(text);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Write(string text) => File.WriteAllText(Path, text);

    /// <summary>A listen section on 127.0.0.1 and a free UDP port.</summary>
    public static string Listen(int port) => string.Create(CultureInfo.InvariantCulture, $"listen {{ ipaddr = 127.0.0.1  port = {port} }}\n");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
