namespace RadiusDisconnectProxy.Mqtt;

/// <summary>Which RADIUSdesk device a command goes to: a MESHdesk node or an APdesk AP.</summary>
public enum NodeMode
{
    Mesh,
    Ap,
}
