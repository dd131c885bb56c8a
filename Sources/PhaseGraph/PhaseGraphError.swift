/// Why a phase-graph configuration or input cannot be used.
public enum PhaseGraphError: Error, Equatable, CustomStringConvertible {
    /// A configuration field has a bad value.
    case invalidConfiguration(field: String, value: String, reason: String)
    /// The input is not `[batch, 1, rows, frames]`.
    case inputShape(expected: [Int], found: [Int])
    /// A real input has no phase, so phase-weighted edges cannot be computed.
    case realInputNeedsUnweightedEdges(edges: PhaseGraphConfiguration.EdgeWeighting)

    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let value, let reason):
            "phase graph: \(field)=\(value) \(reason)"
        case .inputShape(let expected, let found):
            "phase graph: input has shape \(found), expected [batch, \(expected.map(String.init).joined(separator: ", "))]"
        case .realInputNeedsUnweightedEdges(let edges):
            "phase graph: edges '\(edges.rawValue)' need a complex input (e.g. the phase-mfcc feature); a real input has no phase, use edges 'none'"
        }
    }
}
