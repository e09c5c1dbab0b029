using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// Raw access to the layered configuration (radius.conf, then RDP__ variables, then command-line switches) that
/// knows which source won for each key, so a scalar overridden by a later source is not mistaken for a list and
/// every error names the file:line, variable or switch the offending value came from. It also collects the errors:
/// validation goes on after one, so that all of a file's errors are reported together.
/// </summary>
internal sealed class ConfigReader
{
    private readonly IConfigurationRoot _root;
    private readonly IConfigurationProvider[] _newestFirst;
    private readonly List<ConfigurationException> _errors = [];

    public ConfigReader(IConfigurationRoot root)
    {
        _root = root;
        _newestFirst = root.Providers.Reverse().ToArray();
    }

    /// <summary>The names directly below <paramref name="path"/> (null = top level), each once, in source order.</summary>
    public IReadOnlyList<string> ChildNames(string? path)
    {
        IEnumerable<IConfigurationSection> children = path is null ? _root.GetChildren() : _root.GetSection(path).GetChildren();
        IEnumerable<string> emptyBlocks = _newestFirst.OfType<RadiusConfConfigurationProvider>().SelectMany(p => p.GetDeclaredBlocks(path));
        return children.Select(c => c.Key).Concat(emptyBlocks).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public bool Exists(string path) => Winner(path) is not null;

    /// <summary>Whether <paramref name="path"/> holds a value of its own (as opposed to being a block or absent).</summary>
    public bool IsScalar(string path) => Winner(path) is { } winner && winner.TryGet(path, out string? value) && value is not null;

    /// <summary>A single value; null when absent. A list (repeated key) is an error.</summary>
    public string? Get(string path, string displayKey)
    {
        IConfigurationProvider? winner = Winner(path);
        if (winner is null)
        {
            return null;
        }

        if (winner.TryGet(path, out string? value) && value is not null)
        {
            return value;
        }

        string second = ConfigurationPath.Combine(path, "1");
        throw Error(Exists(second) ? second : path, $"'{displayKey}' is given more than once; it takes a single value");
    }

    /// <summary>A key that may be repeated: its values in order (one item when given once), empty when absent.</summary>
    public IReadOnlyList<string> GetList(string path)
    {
        IConfigurationProvider? winner = Winner(path);
        if (winner is null)
        {
            return [];
        }

        if (winner.TryGet(path, out string? value) && value is not null)
        {
            return [value];
        }

        var items = new List<string>();
        for (int i = 0; winner.TryGet(ConfigurationPath.Combine(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), out string? item); i++)
        {
            items.Add(item ?? "");
        }

        return items;
    }

    /// <summary>Records an error and lets validation go on.</summary>
    public void Report(ConfigurationException error)
    {
        foreach (ConfigurationException e in error.Errors)
        {
            // One error per place: a value that fails a check and then a rule built on it is reported once.
            bool known = _errors.Any(k => k.File == e.File && (e.Line > 0 ? k.Line == e.Line : k.Message == e.Message));
            if (!known)
            {
                _errors.Add(e);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> (one block); an error it throws is recorded and <paramref name="fallback"/>
    /// stands in for the block so that the rest of the file is still checked.
    /// </summary>
    public T Guard<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (ConfigurationException e)
        {
            Report(e);
            return fallback;
        }
    }

    /// <summary>Throws every recorded error at once, in file order.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw ConfigurationException.Combine(
                [.. _errors.Select((e, i) => (e, i)).OrderBy(x => x.e.Line > 0 ? 0 : 1).ThenBy(x => x.e.Line).ThenBy(x => x.i).Select(x => x.e)]);
        }
    }

    public ConfigurationException Error(string path, string message)
    {
        (string? file, int line) = Locate(path);
        return new ConfigurationException(file, line, message);
    }

    /// <summary>"radius.conf:12", "environment variable RDP__LISTEN__PORT", … for messages and warnings.</summary>
    public string Describe(string path)
    {
        (string? file, int line) = Locate(path);
        return line > 0 ? $"{file}:{line}" : file ?? "configuration";
    }

    private (string? File, int Line) Locate(string path)
    {
        for (string? current = path; current is not null; current = ConfigurationPath.GetParentPath(current))
        {
            switch (Winner(current))
            {
                case RadiusConfConfigurationProvider file:
                    return (file.File, file.GetLine(path));
                case EnvironmentOverridesProvider env:
                    return ($"environment variable {env.GetVariableName(current)}", 0);
                case CommandLineConfigurationProvider:
                    return ($"command line --{current}", 0);
                case not null:
                    return ($"configuration key {current}", 0);
                default:
                    // An empty block (client a { }) has no keys, so no source "wins" it; the file still knows its line.
                    foreach (RadiusConfConfigurationProvider file in _newestFirst.OfType<RadiusConfConfigurationProvider>())
                    {
                        if (file.Declares(current))
                        {
                            return (file.File, file.GetLine(path));
                        }
                    }

                    break;
            }
        }

        return (null, 0);
    }

    /// <summary>The newest source that sets <paramref name="path"/> itself or anything below it.</summary>
    private IConfigurationProvider? Winner(string path)
    {
        foreach (IConfigurationProvider provider in _newestFirst)
        {
            if ((provider.TryGet(path, out string? value) && value is not null) || provider.GetChildKeys([], path).Any())
            {
                return provider;
            }
        }

        return null;
    }
}
