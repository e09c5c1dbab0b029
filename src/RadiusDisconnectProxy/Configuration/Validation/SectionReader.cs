using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// Typed access to one block (<c>security</c>, <c>client local</c>, <c>nas hq</c>, …). Reading a key is what declares
/// it: a key of the block that its reader never asks for is unknown (<see cref="RejectUnreadKeys"/>), so each key is
/// spelled once, where it is read (docs/configuration.md documents it). A getter whose value is invalid records a
/// <see cref="ConfigurationException"/> naming where the value came from and returns the default, so that the rest of
/// the file is still checked and every error is reported together. Values of secret keys are never put into a message.
/// </summary>
internal sealed class SectionReader
{
    private readonly ConfigReader _reader;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public SectionReader(ConfigReader reader, string path, string displayName)
    {
        _reader = reader;
        Path = path;
        DisplayName = displayName;
    }

    /// <summary>Configuration path: <c>nas:hq</c>.</summary>
    public string Path { get; }

    /// <summary>For messages: <c>nas hq</c>.</summary>
    public string DisplayName { get; }

    public IReadOnlyList<string> KeyNames => _reader.ChildNames(Path);

    public SectionReader Child(string subPath, string displayName) =>
        new(_reader, ConfigurationPath.Combine(Path, subPath), displayName);

    /// <summary>What an unknown key message adds after the block's name, e.g. what the block takes instead.</summary>
    public string? UnknownKeyHint { get; set; }

    /// <summary>Declares keys read elsewhere (a nested block, or a type's own keys) so they are not unknown.</summary>
    public void Declare(IEnumerable<string> keys) => _read.UnionWith(keys);

    /// <summary>Reports every key not in <paramref name="allowed"/>, naming the closest reason.</summary>
    public void RejectUnknownKeys(IReadOnlySet<string> allowed, Func<string, string?>? explain = null)
    {
        foreach (string key in KeyNames)
        {
            if (!allowed.Contains(key))
            {
                _reader.Report(Error(key, explain?.Invoke(key) ?? UnknownKey(key)));
            }
        }
    }

    /// <summary>Reports every key of the block that its reader did not ask for: the keys read are the declaration.</summary>
    public void RejectUnreadKeys()
    {
        foreach (string key in KeyNames)
        {
            if (!_read.Contains(key))
            {
                _reader.Report(Error(key, UnknownKey(key)));
            }
        }
    }

    /// <summary>Records an error found by the block's own rules and goes on.</summary>
    public void Report(ConfigurationException error) => _reader.Report(error);

    public bool Has(string key) => _reader.Exists(ConfigurationPath.Combine(Path, Declared(key)));

    public string? String(string key) => _reader.Get(ConfigurationPath.Combine(Path, Declared(key)), key);

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw BlockError($"{DisplayName} needs '{key}'");

    public IReadOnlyList<string> List(string key) => _reader.GetList(ConfigurationPath.Combine(Path, Declared(key)));

    public bool Bool(string key, bool defaultValue)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        return ConfigValues.TryParseBool(text, out bool value)
            ? value
            : Invalid(key, $"'{key}' must be yes or no, not '{text}'", defaultValue);
    }

    public TimeSpan Duration(string key, TimeSpan defaultValue, bool allowZero = false)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!ConfigValues.TryParseDuration(text, out TimeSpan value) || (!allowZero && value == TimeSpan.Zero))
        {
            return Invalid(key, $"'{key}' must be a {(allowZero ? "" : "positive ")}duration such as 500ms, 30s, 5m or 1h (a bare number is seconds), not '{text}'", defaultValue);
        }

        return value;
    }

    public int Int(string key, int defaultValue, int min, int max)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            return Invalid(key, $"'{key}' must be a whole number from {min} to {max}, not '{text}'", defaultValue);
        }

        return value;
    }

    public T Choice<T>(string key, T defaultValue, params (string Name, T Value)[] choices)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        foreach ((string name, T value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return Invalid(key, $"'{key}' must be one of {string.Join(" | ", choices.Select(c => c.Name))}, not '{text}'", defaultValue);
    }

    /// <summary>A repeatable key of plain IP addresses.</summary>
    public IReadOnlyList<IPAddress> Addresses(string key)
    {
        IReadOnlyList<string> items = List(key);
        var addresses = new List<IPAddress>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (!ConfigValues.TryParseAddress(items[i], out IPAddress address))
            {
                // Thrown, not recorded: without its addresses the block's further checks would only add noise.
                throw Error(ItemKey(key, i, items.Count), $"'{key}' must be an IPv4 or IPv6 address, not '{items[i]}'");
            }

            addresses.Add(address);
        }

        return addresses;
    }

    private T Invalid<T>(string key, string message, T defaultValue)
    {
        Report(Error(key, message));
        return defaultValue;
    }

    private string Declared(string key)
    {
        _read.Add(key);
        return key;
    }

    private string UnknownKey(string key) =>
        UnknownKeyHint is null ? $"unknown key '{key}' in {DisplayName}" : $"unknown key '{key}' in {DisplayName} ({UnknownKeyHint})";

    public ConfigurationException Error(string key, string message) =>
        _reader.Error(ConfigurationPath.Combine(Path, key), message);

    public ConfigurationException BlockError(string message) => _reader.Error(Path, message);

    /// <summary>"radius.conf:12" for the block, for <c>Source</c> fields and warnings.</summary>
    public string Describe(string? key = null) =>
        _reader.Describe(key is null ? Path : ConfigurationPath.Combine(Path, key));

    /// <summary>The configuration key of item <paramref name="index"/> of a list key, for locating errors.</summary>
    public static string ItemKey(string key, int index, int count) =>
        count == 1 ? key : ConfigurationPath.Combine(key, index.ToString(CultureInfo.InvariantCulture));
}
