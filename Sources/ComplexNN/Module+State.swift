/// Why a set of named tensors cannot be loaded into a module.
public enum ModuleStateError: Error, Equatable, CustomStringConvertible {
    /// The module has a tensor of this name but none was supplied.
    case missing(name: String)
    /// A supplied tensor has no counterpart in the module.
    case unexpected(name: String)
    /// Shapes differ.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// One is complex and the other real.
    case kindMismatch(name: String, expectedComplex: Bool)

    public var description: String {
        switch self {
        case .missing(let name): "no values for '\(name)'"
        case .unexpected(let name): "'\(name)' is not a tensor of this model"
        case .shapeMismatch(let name, let expected, let found):
            "'\(name)' has shape \(found), the model needs \(expected)"
        case .kindMismatch(let name, let complex): "'\(name)' must be \(complex ? "complex" : "real")"
        }
    }
}

extension Module {
    /// Every parameter and buffer by dotted name: what a checkpoint stores.
    public func namedState() -> [(name: String, tensor: Tensor)] {
        namedParameters() + namedBuffers()
    }

    /// Copies values into the parameters and buffers of the same names (a checkpoint written
    /// from ``namedState()``). Checks everything first, so on error nothing has changed.
    public func loadState(_ tensors: [String: Tensor]) throws(ModuleStateError) {
        let state = namedState()
        for (name, target) in state {
            guard let source = tensors[name] else { throw .missing(name: name) }
            guard source.shape == target.shape else {
                throw .shapeMismatch(name: name, expected: target.shape, found: source.shape)
            }
            guard source.isComplex == target.isComplex else {
                throw .kindMismatch(name: name, expectedComplex: target.isComplex)
            }
        }
        let known = Set(state.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !known.contains($0) }) { throw .unexpected(name: extra) }
        for (name, target) in state {
            target.real = tensors[name]!.real
            target.imaginary = tensors[name]!.imaginary
        }
    }
}
