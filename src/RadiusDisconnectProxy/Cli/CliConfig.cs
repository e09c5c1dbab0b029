using System.CommandLine;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// The <c>--config PATH</c> option shared by every command that needs the configuration, and the loader behind it.
/// A command adds <see cref="ConfigOption"/> to its own options (<c>command.Options.Add(cli.ConfigOption)</c>) and
/// calls <see cref="Load"/> in its action; a <see cref="ConfigurationException"/> propagates to the root, which prints
/// it and exits 78.
/// </summary>
public sealed class CliConfig
{
    private readonly IReadOnlyDictionary<string, string>? _environment;

    /// <param name="environment">Where RDP__ overrides are read from; null = the process environment (tests pass their own).</param>
    public CliConfig(IReadOnlyDictionary<string, string>? environment = null)
        : this(environment, NasTypes.Builtin)
    {
    }

    /// <param name="types">The NAS types this build knows (tests add their example type).</param>
    internal CliConfig(IReadOnlyDictionary<string, string>? environment, NasTypes types)
    {
        _environment = environment;
        Types = types;
    }

    /// <summary>The NAS types the configuration may name; the CLI reaches a type's tools through it.</summary>
    internal NasTypes Types { get; }

    public Option<string?> ConfigOption { get; } = new("--config", "-c")
    {
        Description = $"radius.conf to read (default: ./{ProxyOptionsLoader.LocalPath}, then {ProxyOptionsLoader.SystemPath})",
        HelpName = "PATH",
    };

    /// <summary>
    /// Reads and validates the configuration named by <c>--config</c> (or the default paths), with RDP__ environment
    /// variables and, on commands that allow them, <c>--section:key=value</c> switches overriding the file.
    /// </summary>
    /// <exception cref="ConfigurationException">Missing file, syntax error or invalid value (exit 78).</exception>
    /// <exception cref="UsageException">A malformed override switch (exit 2).</exception>
    public ProxyOptions Load(ParseResult parseResult) => Loader(parseResult)();

    /// <summary>
    /// Resolves the file and the overrides once and returns a function that reads them again, as a SIGHUP reload does
    /// (same file, same RDP__ variables and switches).
    /// </summary>
    /// <exception cref="ConfigurationException">No configuration file.</exception>
    /// <exception cref="UsageException">A malformed override switch (exit 2).</exception>
    public Func<ProxyOptions> Loader(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        // A stray argument is a usage error (exit 2) even when the configuration file is missing too.
        IReadOnlyList<string> overrides = ConfigOverrides.Parse(parseResult.UnmatchedTokens);
        string path = ProxyOptionsLoader.ResolvePath(parseResult.GetValue(ConfigOption));
        IReadOnlyDictionary<string, string>? environment = _environment;
        return () => ProxyOptionsLoader.Load(path, Types.All, overrides, environment);
    }
}
