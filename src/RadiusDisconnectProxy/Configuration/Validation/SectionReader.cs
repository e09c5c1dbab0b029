using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// Typed access to one block (<c>security</c>, <c>client local</c>, <c>nas hq</c>, …): every getter checks its value
/// and throws a <see cref="ConfigurationException"/> naming where the value came from. Values of secret keys are
/// never put into a message.
/// </summary>
internal sealed class SectionReader
{
    private readonly ConfigReader _reader;

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

    /// <summary>Rejects any key not in <paramref name="allowed"/>, naming the closest reason.</summary>
    public void RejectUnknownKeys(IReadOnlySet<string> allowed, Func<string, string?>? explain = null)
    {
        foreach (string key in KeyNames)
        {
            if (!allowed.Contains(key))
            {
                throw Error(key, explain?.Invoke(key) ?? $"unknown key '{key}' in {DisplayName}");
            }
        }
    }

    public bool Has(string key) => _reader.Exists(ConfigurationPath.Combine(Path, key));

    public string? String(string key) => _reader.Get(ConfigurationPath.Combine(Path, key), key);

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw BlockError($"{DisplayName} needs '{key}'");

    public IReadOnlyList<string> List(string key) => _reader.GetList(ConfigurationPath.Combine(Path, key));

    public bool Bool(string key, bool defaultValue)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        return ConfigValues.TryParseBool(text, out bool value)
            ? value
            : throw Error(key, $"'{key}' must be yes or no, not '{text}'");
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
            throw Error(key, $"'{key}' must be a {(allowZero ? "" : "positive ")}duration such as 500ms, 30s, 5m or 1h (a bare number is seconds), not '{text}'");
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
            throw Error(key, $"'{key}' must be a whole number from {min} to {max}, not '{text}'");
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

        throw Error(key, $"'{key}' must be one of {string.Join(" | ", choices.Select(c => c.Name))}, not '{text}'");
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
                throw Error(ItemKey(key, i, items.Count), $"'{key}' must be an IPv4 or IPv6 address, not '{items[i]}'");
            }

            addresses.Add(address);
        }

        return addresses;
    }

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
