namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>What one radclient run printed: the reply's code name (null when none came) and its attribute lines.</summary>
public sealed record RadclientResult(int ExitCode, string Output, string Error, string? ReplyCode, IReadOnlyList<string> ReplyAttributes)
{
    public bool GotReply => ReplyCode is not null;

    /// <summary>The value text of the first reply attribute called <paramref name="name"/> (e.g. "Error-Cause").</summary>
    public string? Attribute(string name) => AttributeValues(name).FirstOrDefault();

    public IEnumerable<string> AttributeValues(string name) =>
        ReplyAttributes
            .Select(line => line.Split(" = ", 2))
            .Where(parts => parts.Length == 2 && parts[0] == name)
            .Select(parts => parts[1].Trim('"'));

    public override string ToString() => $"exit {ExitCode}, reply {ReplyCode ?? "none"}\n{Output}\n{Error}";
}
