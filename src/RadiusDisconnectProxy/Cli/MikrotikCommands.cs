using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;
using Command = System.CommandLine.Command;
using RouterCommand = RadiusDisconnectProxy.RouterOs.Command;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// <c>nas test NAME</c> (RADIUSdesk's "Test API Connection": log in, print <c>/system/resource/print</c>),
/// <c>sessions list NAME</c> and <c>sessions kick NAME (--user | --mac | --ip | --id)</c> for Mikrotik-API NASes.
/// Exit 0 ok, 1 when the router fails or refuses (its message on stderr), 2 usage, 78 configuration.
/// </summary>
public static class MikrotikCommands
{
    public static Command CreateNas(CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = new Argument<string>("NAME") { Description = "The nas entry (type Mikrotik-API) in radius.conf" };
        var test = new Command("test", "Log in to the router's API and print /system/resource (like RADIUSdesk's \"Test API Connection\").") { name };
        test.Options.Add(config.ConfigOption);
        test.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, name, cancellationToken, async (client, settings, io, ct) =>
        {
            Response response = await client.ExecuteAsync(new RouterCommand("/system/resource/print"), ct);
            TableOutput.Write(io.Output, ["property", "value"],
                [.. (response.Rows.FirstOrDefault()?.Properties ?? new Dictionary<string, string>()).Select(p => new[] { p.Key, p.Value })]);
            return ProxyCommandLine.ExitOk;
        }));
        var nas = new Command("nas", "Work with the configured NASes.");
        nas.Subcommands.Add(test);
        return nas;
    }

    public static Command CreateSessions(CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sessions = new Command("sessions", "Active hotspot and PPP sessions of a Mikrotik-API NAS.");
        sessions.Subcommands.Add(CreateList(config));
        sessions.Subcommands.Add(CreateKick(config));
        return sessions;
    }

    private static Command CreateList(CliConfig config)
    {
        var name = new Argument<string>("NAME") { Description = "The nas entry (type Mikrotik-API) in radius.conf" };
        var list = new Command("list", "List active hotspot and PPP sessions.") { name };
        list.Options.Add(config.ConfigOption);
        list.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, name, cancellationToken, async (client, settings, io, ct) =>
        {
            IReadOnlyList<ActiveSession> sessions = await new RouterSessions(client).ListAsync(ct);
            TableOutput.Write(io.Output, ["id", "user", "address", "MAC", "uptime", "service"],
                [.. sessions.Select(s => new[] { s.Id, s.User, s.Address, s.Mac, s.Uptime, s.Service }.Select(v => v ?? "").ToArray())]);
            return ProxyCommandLine.ExitOk;
        }));
        return list;
    }

    private static Command CreateKick(CliConfig config)
    {
        var name = new Argument<string>("NAME") { Description = "The nas entry (type Mikrotik-API) in radius.conf" };
        var user = new Option<string?>("--user") { Description = "Hotspot user / PPP name" };
        var mac = new Option<string?>("--mac") { Description = "Client MAC (any separator)" };
        var ip = new Option<string?>("--ip") { Description = "Client IPv4 address" };
        var id = new Option<string?>("--id") { Description = "RouterOS item id from 'sessions list', e.g. *1A" };
        var kick = new Command("kick", "Remove the matching sessions (and, with remove_cookies, the user's hotspot cookies).") { name, user, mac, ip, id };
        kick.Options.Add(config.ConfigOption);
        kick.SetAction((parseResult, cancellationToken) =>
        {
            string?[] given = [parseResult.GetValue(user), parseResult.GetValue(mac), parseResult.GetValue(ip), parseResult.GetValue(id)];
            if (given.Count(v => v is not null) != 1)
            {
                throw new UsageException("sessions kick needs exactly one of --user, --mac, --ip, --id");
            }

            IPAddress? address = null;
            if (parseResult.GetValue(ip) is { } ipText && !IPAddress.TryParse(ipText, out address))
            {
                throw new UsageException($"--ip '{ipText}' is not an IP address");
            }

            return RunAsync(config, parseResult, name, cancellationToken, async (client, settings, io, ct) =>
            {
                var sessions = new RouterSessions(client);
                IReadOnlyList<ActiveSession> matches = parseResult.GetValue(id) is { } itemId
                    ? [.. (await sessions.ListAsync(ct)).Where(s => s.Id == itemId)]
                    : await sessions.FindAsync(SessionQuery.From(new SessionKeys
                    {
                        UserName = parseResult.GetValue(user),
                        CallingStationId = parseResult.GetValue(mac),
                        FramedIpAddress = address,
                    }), ct);
                if (matches.Count == 0)
                {
                    await io.Error.WriteLineAsync("no matching session");
                    return ProxyCommandLine.ExitFailed;
                }

                foreach (ActiveSession session in matches)
                {
                    await sessions.RemoveAsync(session, ct);
                    if (session.Table == SessionTable.Hotspot && session.User is { } u && settings.RemoveCookies)
                    {
                        await sessions.RemoveCookiesAsync(u, ct);
                    }

                    await io.Output.WriteLineAsync($"removed {session.Table.ToString().ToLowerInvariant()} session {session.Id} ({session.User}, {session.Address}, {session.Mac})");
                }

                return ProxyCommandLine.ExitOk;
            });
        });
        return kick;
    }

    private static NasTarget? FindNas(ProxyOptions options, string? name)
        => options.Nases.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    /// <summary>Loads the configuration, opens a client for the named NAS, runs the body, maps router failures to exit 1.</summary>
    private static async Task<int> RunAsync(CliConfig config, ParseResult parseResult, Argument<string> nameArgument,
        CancellationToken cancellationToken, Func<RouterOsClient, MikrotikNasSettings, InvocationConfiguration, CancellationToken, Task<int>> body)
    {
        ProxyOptions options = config.Load(parseResult);
        InvocationConfiguration io = parseResult.InvocationConfiguration;
        string name = parseResult.GetValue(nameArgument) ?? "";
        NasTarget? nas = FindNas(options, name);
        if (nas?.Settings is not MikrotikNasSettings settings)
        {
            await io.Error.WriteLineAsync(nas is null
                ? $"no nas '{name}' in the configuration"
                : $"nas '{name}' is type {nas.Type}; this command needs {MikrotikDriver.TypeName}");
            return ProxyCommandLine.ExitFailed;
        }

        var cache = new MikrotikClientCache { ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(15) };
        await using var client = new RouterOsClient(cache.CreateOptions(settings) with { MaxConnections = 1 });
        try
        {
            return await body(client, settings, io, cancellationToken);
        }
        catch (RouterOsException e)
        {
            await io.Error.WriteLineAsync($"{name}: {e.Message}");
            return ProxyCommandLine.ExitFailed;
        }
    }
}
