using BenchmarkDotNet.Running;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>Runs any benchmark class of this assembly: <c>dotnet run -c Release -- --filter '*Codec*'</c>.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
