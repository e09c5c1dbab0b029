namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

public enum SimulatedNodeMode
{
    Mesh,
    Ap,
}
