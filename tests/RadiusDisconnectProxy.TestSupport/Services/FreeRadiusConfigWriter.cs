using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// Writes the single-file configuration of a private FreeRADIUS 3.2: everything (run_dir, logdir, pidfile) inside one
/// temporary directory, only the <c>always ok</c> module, per-request logging off, one <c>listen { type = coa }</c>
/// virtual server whose <c>recv-coa</c> selects a fail-over pool holding one <c>home_server { type = coa }</c> — or,
/// with <see cref="FreeRadiusCoaProxyOptions.AnswerItself"/>, answers ACK itself.
/// </summary>
internal static class FreeRadiusConfigWriter
{
    public static string Write(string directory, string name, FreeRadiusCoaProxyOptions options, int listenPort)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $$"""
            prefix = /usr
            localstatedir = {{directory}}
            logdir = {{directory}}
            run_dir = {{directory}}
            confdir = {{directory}}
            raddbdir = {{directory}}
            libdir = /usr/lib/freeradius
            pidfile = {{directory}}/{{name}}.pid
            name = {{name}}
            max_request_time = 60
            cleanup_delay = {{options.CleanupDelay}}
            max_requests = 1048576
            hostname_lookups = no
            log {
              destination = stdout
              auth = no
              auth_badpass = no
              auth_goodpass = no
            }
            security {
              allow_core_dumps = no
              max_attributes = 200
              reject_delay = 0
              status_server = no
            }
            thread pool {
              start_servers = {{options.Threads}}
              max_servers = {{options.Threads}}
              min_spare_servers = 1
              max_spare_servers = {{options.Threads}}
              max_requests_per_server = 0
            }
            {{(options.SiteConfig is null ? HomeServer(options) : "proxy_requests = yes\nproxy server {\n  default_fallback = no\n}")}}
            client local {
              ipaddr = 127.0.0.1
              secret = "{{Escape(options.ClientSecret)}}"
              require_message_authenticator = no
            }
            modules {
              always ok {
                rcode = ok
              }
            }
            instantiate {
            }
            {{(options.SiteConfig ?? CoaProxyServer(options, listenPort))}}

            """);
        string path = Path.Combine(directory, name + ".conf");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string HomeServer(FreeRadiusCoaProxyOptions options)
    {
        if (options.AnswerItself)
        {
            return "proxy_requests = no";
        }

        IPEndPoint upstream = options.Upstream ?? throw new ArgumentException("Upstream is required to proxy", nameof(options));
        string secret = options.UpstreamSecret ?? throw new ArgumentException("UpstreamSecret is required to proxy", nameof(options));
        string addressKey = upstream.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6addr" : "ipaddr";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            proxy_requests = yes
            proxy server {
              default_fallback = no
            }
            home_server upstream {
              type = coa
              {{addressKey}} = {{upstream.Address}}
              port = {{upstream.Port}}
              secret = "{{Escape(secret)}}"
              {{Tls(options.UpstreamTls)}}
              max_outstanding = 65536
              coa {
                irt = {{options.Irt}}
                mrt = {{options.Mrt}}
                mrc = {{options.Mrc}}
                mrd = {{options.Mrd}}
              }
            }
            home_server_pool upstream_pool {
              type = fail-over
              home_server = upstream
            }
            """);
    }

    /// <summary>RadSec toward the home server (FreeRADIUS 3.2 <c>sites-available/tls</c> home_server form).</summary>
    private static string Tls(FreeRadiusTlsOptions? tls) => tls is null
        ? ""
        : $$"""
          proto = tcp
                src_ipaddr = 127.0.0.1
                status_check = none
                tls {
                  private_key_file = {{tls.PrivateKeyFile}}
                  certificate_file = {{tls.CertificateFile}}
                  ca_file = {{tls.CaFile}}
                  cipher_list = "DEFAULT"
                  connect_timeout = 5
                }
          """;

    private static string CoaProxyServer(FreeRadiusCoaProxyOptions options, int listenPort) => string.Create(CultureInfo.InvariantCulture, $$"""
        server coa-proxy {
          listen {
            type = coa
            ipaddr = 127.0.0.1
            port = {{listenPort}}
          }
          {{RecvCoa(options)}}
        }
        """);

    private static string RecvCoa(FreeRadiusCoaProxyOptions options) => options.AnswerItself
        ? """
          recv-coa {
                update reply {
                  &Message-Authenticator := 0x00
                }
                ok
              }
          """
        : """
          recv-coa {
                update control {
                  &Home-Server-Pool := "upstream_pool"
                }
              }
          """;

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
