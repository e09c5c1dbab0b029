using System.Globalization;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>
/// The node command RADIUSdesk's Kicker queues for a private-PSK session (docs/private-psk.md): the node's
/// <c>hostapd_disconnect.lua</c> maps the entry to its hostapd interface and deauthenticates the MAC there. The node runs
/// it through a shell, so only a normalised MAC (upper case, dashes) and a number ever go into it.
/// </summary>
internal static class HostapdDisconnectCommand
{
    public const string Script = "/etc/MESHdesk/utils/hostapd_disconnect.lua";

    /// <param name="clientMac">Already normalised: upper case hex pairs with dashes.</param>
    public static string For(string clientMac, long entryId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Script} {clientMac} {entryId}");
}
