using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>A radius.conf written to its own temporary directory, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig(string text, string fileName = "radius.conf")
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rdp-conf-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, fileName);
        File.WriteAllText(Path, text);
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Loads with no RDP__ variables from the process (tests run in parallel) unless given.</summary>
    public ProxyOptions Load(IReadOnlyList<string>? commandLine = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ProxyOptionsLoader.Load(Path, NasTypes.Builtin.All, commandLine, environment ?? new Dictionary<string, string>());

    /// <summary>Loads and expects a configuration error.</summary>
    public ConfigurationException LoadError(IReadOnlyList<string>? commandLine = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => Load(commandLine, environment));

    public static ProxyOptions Parse(string text)
    {
        using var config = new TempConfig(text);
        return config.Load();
    }

    public static ConfigurationException ParseError(string text)
    {
        using var config = new TempConfig(text);
        ConfigurationException e = config.LoadError();
        Assert.Equal(config.Path, e.File);
        return e;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
