namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

/// <summary>
/// What <c>/etc/MESHdesk/utils/hostapd_disconnect.lua &lt;mac&gt; &lt;entry_id&gt;</c> does on a node (private PSK): it maps the
/// entry to its hostapd interface and runs <c>ubus call hostapd.&lt;ifname&gt; del_client</c> for the MAC, lower case
/// with colons, with a 10 s ban.
/// </summary>
/// <param name="Mac">The client MAC as the script passes it to ubus (lower case, colons).</param>
/// <param name="EntryId">The private-PSK entry id (second number of the Operator-Name).</param>
public sealed record HostapdDisconnect(string Mac, long EntryId)
{
    public const string Script = "/etc/MESHdesk/utils/hostapd_disconnect.lua";

    /// <summary>Parses the command line the Kicker queues; null for any other command or a malformed one.</summary>
    public static HostapdDisconnect? Parse(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 3 || words[0] != Script
            || !long.TryParse(words[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long entry))
        {
            return null;
        }

        string hex = new(words[1].Where(Uri.IsHexDigit).ToArray());
        if (hex.Length != 12)
        {
            return null;
        }

        string mac = string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))).ToLowerInvariant();
        return new HostapdDisconnect(mac, entry);
    }
}
