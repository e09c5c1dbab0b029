using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>The small singleton sections: <c>dictionary</c>, <c>metrics</c>, <c>audit</c>, <c>log</c>.</summary>
internal static class ServiceSections
{
    /// <summary>The dictionary directory, resolved against <paramref name="baseDirectory"/> (the config file's directory).</summary>
    public static string ReadDictionaryDirectory(SectionReader section, string baseDirectory)
    {
        string dir = section.RequiredString("dir");
        string full = Path.GetFullPath(Path.Combine(baseDirectory, dir));
        if (!Directory.Exists(full))
        {
            throw section.Error("dir", $"dictionary directory '{full}' does not exist");
        }

        if (!File.Exists(Path.Combine(full, "dictionary")))
        {
            throw section.Error("dir", $"dictionary directory '{full}' has no file named 'dictionary'");
        }

        return full;
    }

    /// <summary>
    /// <c>address:port</c>, <c>[v6]:port</c> or <c>localhost:port</c> (= 127.0.0.1); <c>0.0.0.0</c> and <c>[::]</c> mean
    /// every IPv4 / every address.
    /// </summary>
    public static IPEndPoint ReadMetricsListen(SectionReader section)
    {
        string text = section.RequiredString("listen");
        const string localhost = "localhost:";
        if (text.StartsWith(localhost, StringComparison.OrdinalIgnoreCase)
            && ConfigValues.TryParseEndpoint("127.0.0.1:" + text[localhost.Length..], out IPEndPoint loopback))
        {
            return loopback;
        }

        return ConfigValues.TryParseEndpoint(text, out IPEndPoint endpoint)
            ? endpoint
            : throw section.Error("listen", $"'listen' must be address:port (127.0.0.1:9812, [::1]:9812, localhost:9812, 0.0.0.0:9812), not '{text}'");
    }

    public static LogOptions ReadLog(SectionReader section)
    {
        return new LogOptions
        {
            Level = section.Choice("level", Microsoft.Extensions.Logging.LogLevel.Information,
                ("debug", Microsoft.Extensions.Logging.LogLevel.Debug), ("info", Microsoft.Extensions.Logging.LogLevel.Information),
                ("warning", Microsoft.Extensions.Logging.LogLevel.Warning), ("error", Microsoft.Extensions.Logging.LogLevel.Error)),
            Format = section.Choice("format", LogFormat.Text, ("text", LogFormat.Text), ("json", LogFormat.Json)),
        };
    }

    public static bool ReadAuditEnabled(SectionReader section)
    {
        return section.Bool("enabled", true);
    }
}
