namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>FreeRADIUS / RFC spellings of packet codes ("Disconnect-Request", "CoA-ACK").</summary>
public static class RadiusCodeNames
{
    /// <summary>The name of a code, or null for a code this codec does not know.</summary>
    public static string? GetName(RadiusCode code) => code switch
    {
        RadiusCode.AccessRequest => "Access-Request",
        RadiusCode.AccessAccept => "Access-Accept",
        RadiusCode.AccessReject => "Access-Reject",
        RadiusCode.AccountingRequest => "Accounting-Request",
        RadiusCode.AccountingResponse => "Accounting-Response",
        RadiusCode.AccessChallenge => "Access-Challenge",
        RadiusCode.StatusServer => "Status-Server",
        RadiusCode.StatusClient => "Status-Client",
        RadiusCode.DisconnectRequest => "Disconnect-Request",
        RadiusCode.DisconnectAck => "Disconnect-ACK",
        RadiusCode.DisconnectNak => "Disconnect-NAK",
        RadiusCode.CoaRequest => "CoA-Request",
        RadiusCode.CoaAck => "CoA-ACK",
        RadiusCode.CoaNak => "CoA-NAK",
        RadiusCode.ProtocolError => "Protocol-Error",
        _ => null,
    };

    /// <summary>True for answers, whose authenticator is a Response Authenticator (RFC 2865 §3).</summary>
    public static bool IsResponse(RadiusCode code) => code is RadiusCode.AccessAccept or RadiusCode.AccessReject
        or RadiusCode.AccountingResponse or RadiusCode.AccessChallenge or RadiusCode.DisconnectAck or RadiusCode.DisconnectNak
        or RadiusCode.CoaAck or RadiusCode.CoaNak or RadiusCode.ProtocolError;

    /// <summary>True for requests whose authenticator is keyed MD5 over the packet (RFC 2866 §3, RFC 5176 §2.3).</summary>
    public static bool HasKeyedRequestAuthenticator(RadiusCode code) =>
        code is RadiusCode.AccountingRequest or RadiusCode.DisconnectRequest or RadiusCode.CoaRequest;
}
