/// A layer or model: a function of one tensor with named parameters and a train/eval mode
/// (the shape of mlx-swift's and PyTorch's `Module`).
public protocol Module: AnyObject {
    /// Applies the module to `input`.
    func callAsFunction(_ input: Tensor) -> Tensor
    /// This module's own trainable tensors (not its children's), by local name.
    var ownParameters: [(name: String, tensor: Tensor)] { get }
    /// This module's own non-trainable state (e.g. running statistics), by local name.
    var ownBuffers: [(name: String, tensor: Tensor)] { get }
    /// Submodules, by local name, in a stable order.
    var children: [(name: String, module: any Module)] { get }
    /// Switches training-only behaviour (batch statistics, dropout) on or off, for this module only.
    func setTrainingMode(_ training: Bool)
}

extension Module {
    public var ownParameters: [(name: String, tensor: Tensor)] { [] }
    public var ownBuffers: [(name: String, tensor: Tensor)] { [] }
    public var children: [(name: String, module: any Module)] { [] }
    public func setTrainingMode(_ training: Bool) {}

    /// Every trainable tensor with a stable dotted name (`conv1.weight`, `bn1.gammaRR`, …).
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        collect(prefix: "") { $0.ownParameters }
    }

    /// Every non-trainable state tensor with a stable dotted name (`bn1.runningMean`, …).
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        collect(prefix: "") { $0.ownBuffers }
    }

    /// The trainable tensors, in `namedParameters()` order.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// The number of trainable scalars, counting a complex value as two real numbers.
    public var parameterCount: Int {
        parameters().reduce(0) { $0 + $1.count * ($1.isComplex ? 2 : 1) }
    }

    /// Training mode for this module and all submodules.
    public func train() { setTrainingRecursively(true) }

    /// Evaluation mode for this module and all submodules.
    public func eval() { setTrainingRecursively(false) }

    /// Forgets the gradients of all parameters.
    public func zeroGrad() { parameters().forEach { $0.zeroGrad() } }

    private func setTrainingRecursively(_ training: Bool) {
        setTrainingMode(training)
        for child in children { child.module.setTrainingRecursively(training) }
    }

    private func collect(
        prefix: String, _ own: (any Module) -> [(name: String, tensor: Tensor)]
    ) -> [(name: String, tensor: Tensor)] {
        var result = own(self).map { (name: prefix + $0.name, tensor: $0.tensor) }
        for child in children {
            result += child.module.collect(prefix: prefix + child.name + ".", own)
        }
        return result
    }
}
