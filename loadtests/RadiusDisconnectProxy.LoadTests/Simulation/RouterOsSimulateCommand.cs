using System.CommandLine;
using System.Net;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// `rdp-load simulate routeros`: one RouterOS router to try a Mikrotik-API NAS by hand (README "Try a MikroTik").
/// Its defaults are the `nas hq` of radius.conf.example (127.0.0.2:8728, user rdproxy, password "change me"), with
/// active hotspot sessions for alice and bob and a PPPoE session for carol. With <c>--rest</c> the same router (the
/// same sessions) also answers RouterOS v7 REST on HTTPS (<c>--rest-port</c>, a self-signed certificate whose
/// fingerprint it prints) and HTTP (<c>--rest-http-port</c>), to try a Mikrotik-Rest-API NAS (docs/mikrotik-rest.md).
/// Runs until SIGTERM/Ctrl-C or --lifetime, also when started in the background.
/// </summary>
internal static class RouterOsSimulateCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "loopback address to listen on", DefaultValueFactory = _ => "127.0.0.2" };
        var port = new Option<int>("--port") { Description = "API port (0 = any free port)", DefaultValueFactory = _ => 8728 };
        var username = new Option<string>("--username") { Description = "API user", DefaultValueFactory = _ => "rdproxy" };
        var password = new Option<string>("--password") { Description = "API password", DefaultValueFactory = _ => "change me" };
        var hotspot = new Option<string[]>("--hotspot")
        {
            Description = "an active hotspot session USER,MAC,IP (repeatable)",
            DefaultValueFactory = _ => ["alice,AA:BB:CC:DD:EE:01,10.5.50.10", "bob,AA:BB:CC:DD:EE:02,10.5.50.11"],
        };
        var ppp = new Option<string[]>("--ppp")
        {
            Description = "an active PPPoE session NAME,CALLER-ID,IP,SESSION-ID (repeatable)",
            DefaultValueFactory = _ => ["carol,AA:BB:CC:DD:EE:03,10.6.0.2,0x81000001"],
        };
        var rest = new Option<bool>("--rest") { Description = "also answer RouterOS v7 REST (HTTPS and HTTP) over the same sessions" };
        var restPort = new Option<int>("--rest-port") { Description = "REST HTTPS (www-ssl) port with --rest (0 = any free port)", DefaultValueFactory = _ => 8443 };
        var restHttpPort = new Option<int>("--rest-http-port") { Description = "REST HTTP (www) port with --rest (0 = any free port)", DefaultValueFactory = _ => 8080 };
        var lifetime = SimulateCommand.Lifetime();
        var command = new Command("routeros", "one RouterOS router with hotspot and PPPoE sessions, to try a Mikrotik-API (or, with --rest, Mikrotik-Rest-API) NAS")
        {
            address, port, username, password, hotspot, ppp, rest, restPort, restHttpPort, lifetime,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(address), out IPAddress? ip) || !IPAddress.IsLoopback(ip))
            {
                Console.Error.WriteLine("simulate routeros: --address must be a loopback address, e.g. --address 127.0.0.2");
                return 2;
            }

            await using var router = new RouterOsSimulator(new RouterOsSimulatorOptions
            {
                ListenEndPoint = new IPEndPoint(ip, parse.GetValue(port)),
                Username = parse.GetValue(username)!,
                Password = parse.GetValue(password)!,
            });
            foreach (string session in parse.GetValue(hotspot) ?? [])
            {
                string[] f = session.Split(',');
                if (f.Length != 3)
                {
                    Console.Error.WriteLine($"simulate routeros: --hotspot '{session}': expected USER,MAC,IP, e.g. alice,AA:BB:CC:DD:EE:01,10.5.50.10");
                    return 2;
                }

                router.AddHotspotSession(f[0], f[1], f[2]);
            }

            foreach (string session in parse.GetValue(ppp) ?? [])
            {
                string[] f = session.Split(',');
                if (f.Length != 4)
                {
                    Console.Error.WriteLine($"simulate routeros: --ppp '{session}': expected NAME,CALLER-ID,IP,SESSION-ID, e.g. carol,AA:BB:CC:DD:EE:03,10.6.0.2,0x81000001");
                    return 2;
                }

                router.AddPppSession(f[0], f[1], f[2], f[3]);
            }

            string restText = "";
            if (parse.GetValue(rest))
            {
                int https = parse.GetValue(restPort), http = parse.GetValue(restHttpPort);
                if (https is < 0 or > 65535 || http is < 0 or > 65535 || (https != 0 && https == http))
                {
                    Console.Error.WriteLine("simulate routeros: --rest-port and --rest-http-port must be two different ports (0 = any free one), e.g. --rest --rest-port 8443 --rest-http-port 8080");
                    return 2;
                }

                await router.StartRestAsync(httpPort: http, httpsPort: https).ConfigureAwait(false);
                restText = $" rest=https://{router.Host}:{router.RestHttpsPort} rest_http=http://{router.Host}:{router.RestHttpPort} fingerprint={SelfSignedCertificate.Sha256Fingerprint(router.RestCertificate!).Replace(":", "", StringComparison.Ordinal)}";
            }

            Console.WriteLine($"READY routeros api={router.Host}:{router.Port} user={router.Options.Username} hotspot={router.HotspotActive.Count} ppp={router.PppActive.Count}{restText}");
            await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"routeros: {router.HotspotActive.Count} hotspot and {router.PppActive.Count} PPPoE sessions left, {router.LoginCount} logins"
                + (restText.Length == 0 ? "" : $", {router.RestRequestCount} REST requests on {router.RestConnectionCount} connections"));
            return 0;
        });
        return command;
    }
}
