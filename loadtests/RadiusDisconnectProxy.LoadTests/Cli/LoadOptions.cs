using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Cli;

/// <summary>The options of a load run, shared by `run`, `scenarios`, `compare` and `soak`.</summary>
internal sealed class LoadOptions
{
    public Option<string> Target { get; } = new("--target", "-t") { Description = "DAS to load, host:port", DefaultValueFactory = _ => "127.0.0.1:3799" };
    public Option<string> Secret { get; } = new("--secret", "-s") { Description = "shared secret", DefaultValueFactory = _ => "testing123" };
    public Option<int> Window { get; } = new("--window", "-w") { Description = "closed loop: requests kept in flight (several sockets above 256)", DefaultValueFactory = _ => 32 };
    public Option<double?> Rate { get; } = new("--rate", "-r") { Description = "open loop: requests per second (at the start when --rate-to is given)" };
    public Option<double?> RateTo { get; } = new("--rate-to") { Description = "open loop: ramp linearly to this rate by the end" };
    public Option<int> Sockets { get; } = new("--sockets") { Description = "UDP sockets (default: ceil(window/256); open loop: 4)" };
    public Option<TimeSpan> Duration { get; } = Duration_("--duration", "-d", "how long to measure (hard cap 2h)", "10s");
    public Option<long?> Requests { get; } = new("--requests", "-n") { Description = "stop after this many requests (hard cap 1e9)" };
    public Option<TimeSpan> Warmup { get; } = Duration_("--warmup", null, "load before measuring starts", "2s");
    public Option<TimeSpan> Timeout { get; } = Duration_("--timeout", null, "an answer later than this counts as lost (never retransmitted)", "2s");
    public Option<int> CoaPercent { get; } = new("--coa-percent") { Description = "share of CoA-Requests in the mix (0-100)", DefaultValueFactory = _ => 0 };
    public Option<string?> UserName { get; } = new("--user") { Description = "User-Name pattern ({0} = n mod --users; 'none' leaves it out)", DefaultValueFactory = _ => "user{0:D6}" };
    public Option<int> Users { get; } = new("--users") { Description = "User-Name pool size", DefaultValueFactory = _ => 100_000 };
    public Option<string?> NasIdentifier { get; } = new("--nas-identifier") { Description = "NAS-Identifier pattern, {0} = --nas-start + n mod --nas-count" };
    public Option<int> NasCount { get; } = new("--nas-count") { Description = "NAS-Identifier pool size", DefaultValueFactory = _ => 1 };
    public Option<int> NasStart { get; } = new("--nas-start") { Description = "first NAS-Identifier number", DefaultValueFactory = _ => 0 };
    public Option<string[]> NasIp { get; } = new("--nas-ip") { Description = "NAS-IP-Address values (repeat for a pool)", AllowMultipleArgumentsPerToken = true };
    public Option<int> Macs { get; } = new("--macs") { Description = "Calling-Station-Id pool size (0 leaves it out)", DefaultValueFactory = _ => 100_000 };
    public Option<bool> NoAcctSessionId { get; } = new("--no-acct-session-id") { Description = "leave out Acct-Session-Id" };
    public Option<bool> NoEventTimestamp { get; } = new("--no-event-timestamp") { Description = "leave out Event-Timestamp" };
    public Option<bool> NoMessageAuthenticator { get; } = new("--no-message-authenticator") { Description = "leave out Message-Authenticator" };
    public Option<bool> AcceptZeroedMa { get; } = new("--accept-zeroed-ma") { Description = "accept answers signed like FreeRADIUS 3.2.0-3.2.3 does (counted separately)" };
    public Option<int?> Pid { get; } = new("--pid") { Description = "server process to account (CPU µs per request, RSS)" };
    public Option<string?> Name { get; } = new("--name") { Description = "run name in reports" };
    public Option<string?> Results { get; } = new("--results") { Description = "report folder (default loadtests/results)" };
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "no live progress line" };
    public Option<long> SequenceOffset { get; } = new("--sequence-offset") { Description = "first request number (keeps separate runs distinct)" };
    public Option<TimeSpan?> AssertP99 { get; } = new("--assert-p99") { Description = "fail (exit 1) when p99 is above this, e.g. 5ms", CustomParser = r => DurationText.Parse(r.Tokens[0].Value) };
    public Option<long?> AssertLost { get; } = new("--assert-lost") { Description = "fail when more requests than this are lost" };
    public Option<double?> AssertRps { get; } = new("--assert-rps") { Description = "fail when fewer answers per second than this" };
    public Option<bool> AssertAllAck { get; } = new("--assert-all-ack") { Description = "fail unless every request sent was ACKed" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[]
        {
            Target, Secret, Window, Rate, RateTo, Sockets, Duration, Requests, Warmup, Timeout, CoaPercent, UserName, Users,
            NasIdentifier, NasCount, NasStart, NasIp, Macs, NoAcctSessionId, NoEventTimestamp, NoMessageAuthenticator,
            AcceptZeroedMa, Pid, Name, Results, NoProgress, SequenceOffset, AssertP99, AssertLost, AssertRps, AssertAllAck,
        })
        {
            command.Add(option);
        }
    }

    public LoadSettings Bind(ParseResult parse)
    {
        string? user = parse.GetValue(UserName);
        double? rate = parse.GetValue(Rate);
        int sockets = parse.GetValue(Sockets);
        return new LoadSettings
        {
            Name = parse.GetValue(Name) ?? "run",
            Target = ParseEndPoint(parse.GetValue(Target)!),
            Secret = parse.GetValue(Secret)!,
            Window = Math.Max(1, parse.GetValue(Window)),
            Rate = rate,
            RateTo = parse.GetValue(RateTo),
            Sockets = sockets > 0 ? sockets : rate is null ? 0 : 4,
            Duration = parse.GetValue(Duration),
            MaxRequests = parse.GetValue(Requests) ?? LoadSettings.MaxRequestsCap,
            Warmup = parse.GetValue(Warmup),
            Timeout = parse.GetValue(Timeout),
            AcceptZeroedMessageAuthenticator = parse.GetValue(AcceptZeroedMa),
            TargetPid = parse.GetValue(Pid),
            Progress = !parse.GetValue(NoProgress),
            Template = new RequestTemplate
            {
                CoaPercent = Math.Clamp(parse.GetValue(CoaPercent), 0, 100),
                UserName = user is null or "none" ? null : user,
                Users = Math.Max(1, parse.GetValue(Users)),
                NasIdentifier = parse.GetValue(NasIdentifier),
                NasCount = Math.Max(1, parse.GetValue(NasCount)),
                NasStart = parse.GetValue(NasStart),
                NasIpAddresses = [.. (parse.GetValue(NasIp) ?? []).Select(IPAddress.Parse)],
                Macs = Math.Max(0, parse.GetValue(Macs)),
                AcctSessionId = !parse.GetValue(NoAcctSessionId),
                EventTimestamp = !parse.GetValue(NoEventTimestamp),
                MessageAuthenticator = !parse.GetValue(NoMessageAuthenticator),
                SequenceOffset = parse.GetValue(SequenceOffset),
            },
        };
    }

    public Assertions BindAssertions(ParseResult parse) =>
        new(parse.GetValue(AssertP99), parse.GetValue(AssertLost), parse.GetValue(AssertRps), parse.GetValue(AssertAllAck));

    public string ResultsDirectory(ParseResult parse) => parse.GetValue(Results) ?? ReportFiles.DefaultDirectory();

    public static IPEndPoint ParseEndPoint(string text) =>
        IPEndPoint.TryParse(text, out IPEndPoint? endPoint) && endPoint.Port != 0
            ? endPoint
            : throw new FormatException($"'{text}' is not host:port (an IP address and a port)");

    private static Option<TimeSpan> Duration_(string name, string? alias, string description, string fallback)
    {
        Option<TimeSpan> option = alias is null ? new(name) : new(name, alias);
        option.Description = description + " (500us, 5ms, 10s, 2m)";
        option.CustomParser = r => DurationText.Parse(r.Tokens[0].Value);
        option.DefaultValueFactory = _ => DurationText.Parse(fallback);
        return option;
    }
}
