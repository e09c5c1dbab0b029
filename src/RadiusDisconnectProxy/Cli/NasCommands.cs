using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;
using Command = System.CommandLine.Command;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// <c>nas test NAME</c>, <c>sessions list NAME</c> and <c>sessions kick NAME (--user | --mac | --ip | --id)</c> for every
/// NAS whose type offers them (<see cref="NasType.CreateAdmin"/>, <see cref="NasCapabilities"/>).
/// Exit 0 ok, 1 when the NAS fails or refuses (its message on stderr), 2 usage, 78 configuration.
/// </summary>
internal static class NasCommands
{
    public static Command CreateNas(CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = new Argument<string>("NAME") { Description = $"The nas entry in radius.conf (type {Supporting(config, NasCapabilities.ConnectionTest)})" };
        var test = new Command("test", "Log in to the NAS and print what it reports about itself (like RADIUSdesk's \"Test API Connection\").") { name };
        test.Options.Add(config.ConfigOption);
        test.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, name, NasCapabilities.ConnectionTest, async (admin, nas, io) =>
        {
            TableOutput.Write(io.Output, ["property", "value"],
                [.. (await admin.TestConnectionAsync(nas, cancellationToken)).Select(p => new[] { p.Key, p.Value })]);
            return ProxyCommandLine.ExitOk;
        }));
        var nas = new Command("nas", "Work with the configured NASes.");
        nas.Subcommands.Add(test);
        return nas;
    }

    public static Command CreateSessions(CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sessions = new Command("sessions", $"Active sessions of a NAS (type {Supporting(config, NasCapabilities.SessionListing)}).");
        sessions.Subcommands.Add(CreateList(config));
        sessions.Subcommands.Add(CreateKick(config));
        return sessions;
    }

    private static Command CreateList(CliConfig config)
    {
        var name = new Argument<string>("NAME") { Description = $"The nas entry in radius.conf (type {Supporting(config, NasCapabilities.SessionListing)})" };
        var list = new Command("list", "List active sessions.") { name };
        list.Options.Add(config.ConfigOption);
        list.SetAction((parseResult, cancellationToken) => RunAsync(config, parseResult, name, NasCapabilities.SessionListing, async (admin, nas, io) =>
        {
            TableOutput.Write(io.Output, ["id", "user", "address", "MAC", "uptime", "service"],
                [.. (await admin.ListSessionsAsync(nas, cancellationToken)).Select(s => new[] { s.Id, s.User, s.Address, s.Mac, s.Uptime, s.Service }.Select(v => v ?? "").ToArray())]);
            return ProxyCommandLine.ExitOk;
        }));
        return list;
    }

    private static Command CreateKick(CliConfig config)
    {
        var name = new Argument<string>("NAME") { Description = $"The nas entry in radius.conf (type {Supporting(config, NasCapabilities.SessionListing)})" };
        var user = new Option<string?>("--user") { Description = "Hotspot user / PPP name" };
        var mac = new Option<string?>("--mac") { Description = "Client MAC (any separator)" };
        var ip = new Option<string?>("--ip") { Description = "Client IPv4 address" };
        var id = new Option<string?>("--id") { Description = "The NAS's session id from 'sessions list', e.g. *1A" };
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

            var selector = new SessionSelector(parseResult.GetValue(user), parseResult.GetValue(mac), address, parseResult.GetValue(id));
            return RunAsync(config, parseResult, name, NasCapabilities.SessionListing, async (admin, nas, io) =>
            {
                IReadOnlyList<NasSession> removed = await admin.KickAsync(nas, selector, cancellationToken);
                if (removed.Count == 0)
                {
                    await io.Error.WriteLineAsync("no matching session");
                    return ProxyCommandLine.ExitFailed;
                }

                foreach (NasSession session in removed)
                {
                    await io.Output.WriteLineAsync($"removed {session.Kind} session {session.Id} ({session.User}, {session.Address}, {session.Mac})");
                }

                return ProxyCommandLine.ExitOk;
            });
        });
        return kick;
    }

    private static string Supporting(CliConfig config, NasCapabilities capability) =>
        string.Join(" or ", config.Types.All.Where(t => t.Can(capability) && t.CreateAdmin() is not null).Select(t => t.Name));

    /// <summary>Loads the configuration, finds the named NAS and its type's tools, runs the body, maps NAS failures to exit 1.</summary>
    private static async Task<int> RunAsync(CliConfig config, ParseResult parseResult, Argument<string> nameArgument, NasCapabilities capability,
        Func<INasAdmin, NasTarget, InvocationConfiguration, Task<int>> body)
    {
        ProxyOptions options = config.Load(parseResult);
        InvocationConfiguration io = parseResult.InvocationConfiguration;
        string name = parseResult.GetValue(nameArgument) ?? "";
        NasTarget? nas = options.Nases.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
        if (nas is null)
        {
            await io.Error.WriteLineAsync($"no nas '{name}' in the configuration");
            return ProxyCommandLine.ExitFailed;
        }

        NasType type = config.Types.Of(nas);
        if (!type.Can(capability) || type.CreateAdmin() is not { } admin)
        {
            await io.Error.WriteLineAsync($"nas '{name}' is type {nas.Type}; this command needs {Supporting(config, capability)}");
            return ProxyCommandLine.ExitFailed;
        }

        try
        {
            return await body(admin, nas, io);
        }
        catch (NasAdminException e)
        {
            await io.Error.WriteLineAsync($"{name}: {e.Message}");
            return ProxyCommandLine.ExitFailed;
        }
    }
}
