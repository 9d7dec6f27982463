namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The podman deployments build images and start several app processes: they run alone, after the other tests,
/// so that neither slows the other's waits on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeploymentCollection
{
    public const string Name = "Deployment";
}
