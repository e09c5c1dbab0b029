using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>type = other</c>: a real RFC 5176 DAS at <c>ipaddr:coa_port</c>, re-signed with <c>secret</c>.</summary>
internal static class ForwardingNasSection
{
    public static readonly string[] Keys =
    [
        "coa_port", "secret", "strip_proxy_state", "accept_zeroed_message_authenticator", "irt", "mrc", "mrt", "mrd",
    ];

    public static ForwardingNasSettings Read(SectionReader section, IReadOnlyList<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            throw section.BlockError($"{section.DisplayName} (type other) needs 'ipaddr': the address its requests are forwarded to");
        }

        string secret = section.String("secret") is { Length: > 0 } s
            ? s
            : throw section.BlockError($"{section.DisplayName} (type other) needs a non-empty 'secret'");

        RetransmissionTimers d = RetransmissionTimers.Default;
        // RFC 5080 §2.2.1: MRC = 0 and MRD = 0 mean "no limit"; both at once would retry forever.
        var timers = new RetransmissionTimers(
            section.Duration("irt", d.Irt),
            section.Int("mrc", d.Mrc, 0, 100),
            section.Duration("mrt", d.Mrt, allowZero: true),
            section.Duration("mrd", d.Mrd, allowZero: true));
        if (timers.Mrc == 0 && timers.Mrd == TimeSpan.Zero)
        {
            throw section.Error("mrc", "'mrc = 0' and 'mrd = 0' together would retransmit forever; set at least one limit");
        }

        if (timers.Mrt != TimeSpan.Zero && timers.Mrt < timers.Irt)
        {
            throw section.Error("mrt", "'mrt' (the longest retransmission interval) must not be shorter than 'irt'");
        }

        return new ForwardingNasSettings
        {
            CoaEndpoint = new IPEndPoint(addresses[0], section.Int("coa_port", 3799, 1, 65535)),
            Secret = secret,
            StripProxyState = section.Bool("strip_proxy_state", false),
            AcceptZeroedMessageAuthenticator = section.Bool("accept_zeroed_message_authenticator", false),
            Timers = timers,
        };
    }
}
