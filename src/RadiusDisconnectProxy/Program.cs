using RadiusDisconnectProxy.Cli;

namespace RadiusDisconnectProxy;

internal static class Program
{
    public static Task<int> Main(string[] args) => ProxyCommandLine.InvokeAsync(args, Console.Out, Console.Error);
}
