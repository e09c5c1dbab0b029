namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>A sentence the simulator received (the <c>/login</c> password is masked).</summary>
public sealed record RecordedCommand(int ConnectionId, string Path, IReadOnlyList<string> Words)
{
    public string? Attribute(string name)
    {
        string prefix = "=" + name + "=";
        return Words.FirstOrDefault(w => w.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    public override string ToString() => Path + " " + string.Join(' ', Words);
}
