using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>listen { ipaddr = *  port = 3799 }</c>: <c>*</c> is every IPv4 and IPv6 address (one dual-mode socket).</summary>
internal static class ListenSection
{

    public static ListenOptions Read(SectionReader section)
    {
        var defaults = new ListenOptions();
        IReadOnlyList<IPAddress> addresses = ReadAddresses(section);
        return new ListenOptions
        {
            Addresses = addresses.Count > 0 ? addresses : defaults.Addresses,
            // 0 = any free port: used by tests that run the daemon next to others.
            Port = section.Int("port", defaults.Port, 0, 65535),
        };
    }

    /// <summary>The repeatable <c>ipaddr</c> of a listening section (also <c>listen_tls</c>); empty when absent.</summary>
    public static IReadOnlyList<IPAddress> ReadAddresses(SectionReader section)
    {
        IReadOnlyList<string> items = section.List("ipaddr");
        var addresses = new List<IPAddress>();
        for (int i = 0; i < items.Count; i++)
        {
            string key = SectionReader.ItemKey("ipaddr", i, items.Count);
            IPAddress address;
            if (items[i] == "*")
            {
                if (items.Count > 1)
                {
                    throw section.Error(key, "'ipaddr = *' already means every address; it cannot be combined with other addresses");
                }

                address = IPAddress.IPv6Any;
            }
            else if (!ConfigValues.TryParseAddress(items[i], out address))
            {
                throw section.Error(key, $"'ipaddr' must be '*' or an IPv4 or IPv6 address, not '{items[i]}'");
            }

            if (addresses.Contains(address))
            {
                throw section.Error(key, $"listen address {items[i]} is given twice");
            }

            addresses.Add(address);
        }

        return addresses;
    }
}
