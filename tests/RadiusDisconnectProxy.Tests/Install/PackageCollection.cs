namespace RadiusDisconnectProxy.Tests.Install;

/// <summary>
/// The package test publishes the whole daemon (a minute of CPU on 2 cores): it runs alone, after the parallel tests,
/// so that its build does not starve the timing-bounded scale tests running beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection
{
    public const string Name = "Debian package (runs alone)";
}
