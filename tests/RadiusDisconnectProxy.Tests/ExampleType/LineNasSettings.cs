using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.ExampleType;

/// <summary>What a <c>type = Example-Line</c> NAS needs: where its command port is, and the token it expects.</summary>
internal sealed record LineNasSettings : NasSettings
{
    public required IPEndPoint CommandEndpoint { get; init; }

    public required string Token { get; init; }

    // Records print every property; the token is a secret and must never reach a log line.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("CommandEndpoint = ").Append(CommandEndpoint).Append(", Token = ***");
        return true;
    }
}
