using Microsoft.Extensions.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// Reads radius.conf, then <c>RDP__SECTION__KEY</c> environment variables, then command-line switches
/// (<c>--section:key=value</c>), later sources winning, and validates the result into <see cref="ProxyOptions"/>.
/// </summary>
internal static class ProxyOptionsLoader
{
    public const string LocalPath = "radius.conf";
    public const string SystemPath = "/etc/radius-disconnect-proxy/radius.conf";

    /// <summary>The file to read: <paramref name="explicitPath"/>, else ./radius.conf, else /etc/radius-disconnect-proxy/radius.conf.</summary>
    /// <exception cref="ConfigurationException">No such file.</exception>
    public static string ResolvePath(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new ConfigurationException(explicitPath, 0, "configuration file not found");
        }

        if (File.Exists(LocalPath))
        {
            return LocalPath;
        }

        return File.Exists(SystemPath)
            ? SystemPath
            : throw new ConfigurationException($"no configuration file: neither ./{LocalPath} nor {SystemPath} exists (use --config PATH)");
    }

    /// <param name="path">The radius.conf; messages name it as given.</param>
    /// <param name="commandLine">Overrides in AddCommandLine form: <c>--listen:port=3800</c>.</param>
    /// <param name="environment">The variables to read RDP__ overrides from; null = the process environment.</param>
    public static IConfigurationRoot BuildConfiguration(
        string path, IReadOnlyList<string>? commandLine = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var builder = new ConfigurationBuilder()
            .Add(new RadiusConfConfigurationSource(path))
            .Add(new EnvironmentOverridesSource(environment));
        if (commandLine is { Count: > 0 })
        {
            builder.AddCommandLine([.. commandLine]);
        }

        return builder.Build();
    }

    /// <param name="types">The NAS types a <c>nas</c> block may name (<c>Drivers/NasTypes.cs</c>).</param>
    /// <exception cref="ConfigurationException">The file cannot be read, or any value is invalid.</exception>
    public static ProxyOptions Load(string path, IReadOnlyList<INasSectionType> types,
        IReadOnlyList<string>? commandLine = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        IConfigurationRoot configuration;
        try
        {
            configuration = BuildConfiguration(path, commandLine, environment);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException("command line", 0, e.Message);
        }

        return ProxyOptionsValidator.Validate(configuration, Path.GetFullPath(path), types);
    }
}
