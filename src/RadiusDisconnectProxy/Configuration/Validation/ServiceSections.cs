using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>The small singleton sections: <c>dictionary</c>, <c>metrics</c>, <c>audit</c>.</summary>
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

    public static IPEndPoint ReadMetricsListen(SectionReader section)
    {
        string text = section.RequiredString("listen");
        return ConfigValues.TryParseEndpoint(text, out IPEndPoint endpoint)
            ? endpoint
            : throw section.Error("listen", $"'listen' must be address:port (127.0.0.1:9812, [::1]:9812), not '{text}'");
    }

    public static bool ReadAuditEnabled(SectionReader section)
    {
        return section.Bool("enabled", true);
    }
}
