using System.Globalization;
using System.Runtime.CompilerServices;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>The <c>chilli_query</c> command lines the nodes run (docs/meshdesk.md §3).</summary>
public static class ChilliCommand
{
    private const string LogoutPrefix = "chilli_query logout mac ";

    /// <summary><c>chilli_query logout mac &lt;MAC&gt;</c>: ends the session (Acct-Terminate-Cause Admin-Reset).</summary>
    public static string Logout(ReadOnlySpan<char> clientMac) => string.Concat(LogoutPrefix, clientMac);

    /// <summary>
    /// <c>chilli_query update mac &lt;MAC&gt; [maxbwup &lt;bit/s&gt;] [maxbwdown &lt;bit/s&gt;] [sessiontimeout &lt;s&gt;]</c>.
    /// CoovaChilli replaces the session's whole parameter block with what is given: anything left out is reset.
    /// Built on the stack: the command is the only string.
    /// </summary>
    public static string Update(ReadOnlySpan<char> clientMac, ulong? maxBandwidthUp, ulong? maxBandwidthDown, uint? sessionTimeout)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        text.AppendLiteral("chilli_query update mac ");
        text.AppendFormatted(clientMac);
        if (maxBandwidthUp is { } up)
        {
            text.AppendLiteral(" maxbwup ");
            text.AppendFormatted(up);
        }

        if (maxBandwidthDown is { } down)
        {
            text.AppendLiteral(" maxbwdown ");
            text.AppendFormatted(down);
        }

        if (sessionTimeout is { } timeout)
        {
            text.AppendLiteral(" sessiontimeout ");
            text.AppendFormatted(timeout);
        }

        return text.ToStringAndClear();
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
