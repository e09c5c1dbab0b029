using BenchmarkDotNet.Running;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>Runs any benchmark class of this assembly: <c>dotnet run -c Release -- --filter '*Codec*'</c>.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "dupcache-memory")
        {
            return DuplicateCacheMemory.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
