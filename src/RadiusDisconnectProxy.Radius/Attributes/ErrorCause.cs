namespace RadiusDisconnectProxy.Radius.Attributes;

/// <summary>
/// Error-Cause (attribute 101) values, RFC 5176 §3.5. 2xx appear only in ACKs, 4xx and 5xx only in NAKs.
/// Unknown values still decode: the enum is a plain <see cref="uint"/>.
/// </summary>
public enum ErrorCause : uint
{
    ResidualSessionContextRemoved = 201,
    InvalidEapPacket = 202,
    UnsupportedAttribute = 401,
    MissingAttribute = 402,
    NasIdentificationMismatch = 403,
    InvalidRequest = 404,
    UnsupportedService = 405,
    UnsupportedExtension = 406,
    InvalidAttributeValue = 407,
    AdministrativelyProhibited = 501,
    RequestNotRoutable = 502,
    SessionContextNotFound = 503,
    SessionContextNotRemovable = 504,
    OtherProxyProcessingError = 505,
    ResourcesUnavailable = 506,
    RequestInitiated = 507,
    MultipleSessionSelectionUnsupported = 508,
}
