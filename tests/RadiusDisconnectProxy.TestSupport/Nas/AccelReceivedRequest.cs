namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>A request the accel-ppp stand-in accepted (its Request Authenticator was right) and what it answered.</summary>
public sealed record AccelReceivedRequest
{
    public required byte Code { get; init; }

    public required byte Identifier { get; init; }

    public required bool HadMessageAuthenticator { get; init; }

    public required int ProxyStateCount { get; init; }

    public string? AcctSessionId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The answer code (41/42/44/45), or null when it answered nothing (a request for a session already busy).</summary>
    public byte? AnswerCode { get; init; }

    /// <summary>The Error-Cause of a NAK, if it carried one.</summary>
    public uint? ErrorCause { get; init; }
}
