using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>The RFC 5176 §3.5 names of Error-Cause values, as the console shows them.</summary>
internal static class ErrorCauseNames
{
    public static string? Of(ErrorCause? cause) => cause switch
    {
        null => null,
        ErrorCause.ResidualSessionContextRemoved => "Residual-Session-Context-Removed",
        ErrorCause.InvalidEapPacket => "Invalid-EAP-Packet",
        ErrorCause.UnsupportedAttribute => "Unsupported-Attribute",
        ErrorCause.MissingAttribute => "Missing-Attribute",
        ErrorCause.NasIdentificationMismatch => "NAS-Identification-Mismatch",
        ErrorCause.InvalidRequest => "Invalid-Request",
        ErrorCause.UnsupportedService => "Unsupported-Service",
        ErrorCause.UnsupportedExtension => "Unsupported-Extension",
        ErrorCause.InvalidAttributeValue => "Invalid-Attribute-Value",
        ErrorCause.AdministrativelyProhibited => "Administratively-Prohibited",
        ErrorCause.RequestNotRoutable => "Request-Not-Routable",
        ErrorCause.SessionContextNotFound => "Session-Context-Not-Found",
        ErrorCause.SessionContextNotRemovable => "Session-Context-Not-Removable",
        ErrorCause.OtherProxyProcessingError => "Other-Proxy-Processing-Error",
        ErrorCause.ResourcesUnavailable => "Resources-Unavailable",
        ErrorCause.RequestInitiated => "Request-Initiated",
        ErrorCause.MultipleSessionSelectionUnsupported => "Multiple-Session-Selection-Unsupported",
        { } other => ((uint)other).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
