using RadiusDisconnectProxy.Routing;
using System.Globalization;
using System.Text;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Builds the parameterised radacct query for a request's keys: open sessions (<c>acctstoptime IS NULL</c>) matching
/// every identifying key the request carries that radacct stores (RFC 5176 §3: all identification attributes must match).
/// </summary>
internal static class SessionQuery
{
    /// <summary>More sessions than this for one request is a mistake, not a user; the rest are left alone (and logged).</summary>
    public const int Limit = 1000;

    internal const string Columns =
        "radacctid, acctsessionid, username, nasipaddress, nasidentifier, nasportid, callingstationid, calledstationid, framedipaddress, operator_name";

    /// <summary>
    /// True when the keys hold at least one session key radacct can match (Acct-Session-Id, User-Name,
    /// Calling-Station-Id, Framed-IP-Address). NAS-Identifier / NAS-IP-Address only narrow: alone they would name every
    /// session of a NAS, so they never select sessions by themselves.
    /// </summary>
    public static bool CanSelect(SessionKeys keys) =>
        !string.IsNullOrEmpty(keys.AcctSessionId) || !string.IsNullOrEmpty(keys.UserName)
        || !string.IsNullOrEmpty(keys.CallingStationId) || keys.FramedIpAddress is not null;

    public static MySqlCommand Build(SessionKeys keys, MySqlConnection connection)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM radacct WHERE acctstoptime IS NULL");
        var command = new MySqlCommand { Connection = connection };
        AddEquals(sql, command, "acctsessionid", "@sid", keys.AcctSessionId);
        AddEquals(sql, command, "username", "@user", keys.UserName);
        AddEquals(sql, command, "framedipaddress", "@ip", keys.FramedIpAddress?.ToString());
        AddEquals(sql, command, "nasidentifier", "@nasid", keys.NasIdentifier);
        AddEquals(sql, command, "nasipaddress", "@nasip", keys.NasIpAddress?.ToString());
        if (!string.IsNullOrEmpty(keys.CallingStationId))
        {
            if (MacAddress.TryParse(keys.CallingStationId, out MacAddress mac))
            {
                string[] spellings = Spellings(mac);
                sql.Append(" AND callingstationid IN (");
                for (int i = 0; i < spellings.Length; i++)
                {
                    string name = "@mac" + i.ToString(CultureInfo.InvariantCulture);
                    sql.Append(i == 0 ? name : ", " + name);
                    command.Parameters.AddWithValue(name, spellings[i]);
                }

                sql.Append(')');
            }
            else
            {
                AddEquals(sql, command, "callingstationid", "@calling", keys.CallingStationId);
            }
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY radacctid LIMIT {Limit + 1}");
        command.CommandText = sql.ToString();
        return command;
    }

    private static void AddEquals(StringBuilder sql, MySqlCommand command, string column, string parameter, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} = {parameter}");
            command.Parameters.AddWithValue(parameter, value);
        }
    }

    /// <summary>
    /// Every common spelling of one address, upper and lower case: NASes store Calling-Station-Id in their own notation
    /// and a DAC may send yet another, so the lookup matches them all (an IN list keeps the radacct index usable).
    /// </summary>
    internal static string[] Spellings(MacAddress mac) =>
    [
        mac.Format(MacAddressNotation.Dashes), mac.Format(MacAddressNotation.Dashes, lowerCase: true),
        mac.Format(MacAddressNotation.Colons), mac.Format(MacAddressNotation.Colons, lowerCase: true),
        mac.Format(MacAddressNotation.Bare), mac.Format(MacAddressNotation.Bare, lowerCase: true),
        mac.Format(MacAddressNotation.Dots, lowerCase: true), mac.Format(MacAddressNotation.Dots),
    ];
}
