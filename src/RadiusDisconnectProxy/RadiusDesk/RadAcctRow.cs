using RadiusDisconnectProxy.Routing;
using System.Net;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>The radacct columns the proxy uses, read in <see cref="SessionQuery.Columns"/> order.</summary>
internal sealed record RadAcctRow(long RadAcctId, string AcctSessionId, string UserName, string NasIpAddress, string NasIdentifier,
    string? NasPortId, string CallingStationId, string CalledStationId, string FramedIpAddress, string OperatorName)
{
    public static RadAcctRow Read(MySqlDataReader reader) => new(
        reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
        reader.IsDBNull(5) ? null : reader.GetString(5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9));

    /// <summary>The session's keys as stored (empty columns left out), with <see cref="SessionKeys.RadAcctId"/> set.</summary>
    public SessionKeys ToKeys() => new()
    {
        RadAcctId = RadAcctId,
        AcctSessionId = NullIfEmpty(AcctSessionId),
        UserName = NullIfEmpty(UserName),
        CallingStationId = NullIfEmpty(CallingStationId),
        CalledStationId = NullIfEmpty(CalledStationId),
        FramedIpAddress = ParseAddress(FramedIpAddress),
        NasPortId = NullIfEmpty(NasPortId),
        NasIdentifier = NullIfEmpty(NasIdentifier),
        NasIpAddress = ParseAddress(NasIpAddress),
        OperatorName = NullIfEmpty(OperatorName),
    };

    /// <summary>A usable unicast address, or null for empty, unparsable and 0.0.0.0.</summary>
    public static IPAddress? ParseAddress(string? text) =>
        IPAddress.TryParse(text, out IPAddress? address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Text(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);
}
