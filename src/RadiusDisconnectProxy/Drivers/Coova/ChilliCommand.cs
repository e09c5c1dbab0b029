using System.Globalization;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>The <c>chilli_query</c> command lines the nodes run (docs/meshdesk.md §3).</summary>
public static class ChilliCommand
{
    /// <summary><c>chilli_query logout mac &lt;MAC&gt;</c>: ends the session (Acct-Terminate-Cause Admin-Reset).</summary>
    public static string Logout(string clientMac) => "chilli_query logout mac " + clientMac;

    /// <summary>
    /// <c>chilli_query update mac &lt;MAC&gt; [maxbwup &lt;bit/s&gt;] [maxbwdown &lt;bit/s&gt;] [sessiontimeout &lt;s&gt;]</c>.
    /// CoovaChilli replaces the session's whole parameter block with what is given: anything left out is reset.
    /// </summary>
    public static string Update(string clientMac, ulong? maxBandwidthUp, ulong? maxBandwidthDown, uint? sessionTimeout)
    {
        var text = new System.Text.StringBuilder("chilli_query update mac ", 96).Append(clientMac);
        if (maxBandwidthUp is { } up)
        {
            text.Append(CultureInfo.InvariantCulture, $" maxbwup {up}");
        }

        if (maxBandwidthDown is { } down)
        {
            text.Append(CultureInfo.InvariantCulture, $" maxbwdown {down}");
        }

        if (sessionTimeout is { } timeout)
        {
            text.Append(CultureInfo.InvariantCulture, $" sessiontimeout {timeout}");
        }

        return text.ToString();
    }

    /// <summary>
    /// The bandwidth a CoA sets, in bit/s: WISPr-Bandwidth-Max-* are bit/s, ChilliSpot-Bandwidth-Max-* are kbit/s
    /// (×1000) and, as in CoovaChilli's own RADIUS handling, override WISPr for the same direction.
    /// </summary>
    public static (ulong? Up, ulong? Down) BandwidthBitsPerSecond(DynamicAuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong? up = request.ChilliSpotBandwidthMaxUp is { } chilliUp ? chilliUp * 1000UL : request.WisprBandwidthMaxUp;
        ulong? down = request.ChilliSpotBandwidthMaxDown is { } chilliDown ? chilliDown * 1000UL : request.WisprBandwidthMaxDown;
        return (up, down);
    }
}
