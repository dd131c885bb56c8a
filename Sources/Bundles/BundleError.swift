/// Why a model bundle cannot be used; the message names the file and says what to do.
public struct BundleError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public init(_ path: String, _ reason: String) { (self.path, self.reason) = (path, reason) }

    public var description: String { "\(path): \(reason)" }
}
