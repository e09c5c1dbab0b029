namespace RadiusDisconnectProxy;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("radius-disconnect-proxy: not yet implemented");
        return args.Length == 0 ? 1 : 2;
    }
}
