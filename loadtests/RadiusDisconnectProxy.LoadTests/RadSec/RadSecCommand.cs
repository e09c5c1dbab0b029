using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.LoadTests.Load;

namespace RadiusDisconnectProxy.LoadTests.RadSec;

/// <summary>
/// `rdp-load radsec`: closed-loop load over one RadSec connection (docs/radsec.md), e.g.
/// <c>rdp-load radsec -t 127.0.0.1:2083 --ca ca.pem --cert dac.pem --key dac.key --window 32 --duration 10s --pid PID</c>.
/// </summary>
internal static class RadSecCommand
{
    public static Command Create()
    {
        var options = new LoadOptions();
        var ca = new Option<string>("--ca") { Description = "PEM CA file that signed the proxy's certificate", Required = true };
        var cert = new Option<string>("--cert") { Description = "PEM client certificate (from the proxy's ca_file)", Required = true };
        var key = new Option<string>("--key") { Description = "PEM private key of --cert", Required = true };
        var radius11 = new Option<bool>("--radius11") { Description = "offer only ALPN radius/1.1 (RFC 9765) and use it" };
        var command = new Command("radsec", "load a RadSec (RADIUS over TLS) listener over one connection, closed loop (--window ≤ 256)");
        options.AddTo(command);
        command.Options.Add(ca);
        command.Options.Add(cert);
        command.Options.Add(key);
        command.Options.Add(radius11);
        command.SetAction(async (parse, cancellationToken) =>
        {
            LoadSettings settings = options.Bind(parse);
            using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(parse.GetValue(cert)!, parse.GetValue(key)!);
            RadSecLoadRunner.Result r = await new RadSecLoadRunner(settings, parse.GetValue(ca)!, certificate, parse.GetValue(radius11))
                .RunAsync(cancellationToken);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv,
                $"{r.Profile}, window {settings.Window}, 1 connection: {r.Seconds} s measured, sent {r.Sent}, ACK {r.Acks}, NAK {r.Naks}, invalid {r.Invalid}"));
            Console.WriteLine(string.Create(inv,
                $"answers/s {r.AnswersPerSecond}, p50 {r.P50Ms:0.###} ms, p99 {r.P99Ms:0.###} ms, server CPU {r.ServerCpuMicrosPerRequest?.ToString(inv) ?? "-"} µs/req ({r.ServerCores?.ToString(inv) ?? "-"} cores), generator CPU {r.GeneratorCpuMicrosPerRequest} µs/req"));
            return r.Invalid == 0 && r.Acks + r.Naks > 0 ? 0 : 1;
        });
        return command;
    }
}
