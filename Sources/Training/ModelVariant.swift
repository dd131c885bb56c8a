import ArgumentParser
import ClassifierSupport
import ComplexNN
import Models

/// A model family whose training defaults differ (``TrainingConfiguration/init(model:design:)``):
/// `cvcnn` and `cnn` in each ``ConvolutionalDesign``, `gnn` and `linear`.
public struct ModelVariant: Equatable, Sendable, CustomStringConvertible {
    public let model: ModelKind
    public let design: ConvolutionalDesign

    /// The variant trained when no option chooses one: the pooled `cvcnn`.
    public static let standard = ModelVariant(model: .cvcnn, design: .pooled)

    public static let all: [ModelVariant] =
        [ConvolutionalDesign.pooled, .paper].flatMap { design in
            [ModelKind.cvcnn, .cnn].map { ModelVariant(model: $0, design: design) }
        } + [ModelVariant(model: .gnn, design: .pooled), ModelVariant(model: .linear, design: .pooled)]
    /// The convolutional networks of one design.
    public static func convolutional(_ design: ConvolutionalDesign) -> [ModelVariant] {
        all.filter { $0.isConvolutional && $0.design == design }
    }
    /// Every variant that trains with an optimizer (all but `linear`).
    public static let optimized = all.filter { $0.model != .linear }
    public static let gnn = [ModelVariant(model: .gnn, design: .pooled)]

    public var isConvolutional: Bool { model == .cvcnn || model == .cnn }

    /// `pooled cvcnn`, `gnn`.
    public var description: String { isConvolutional ? "\(design.rawValue) \(model.rawValue)" : model.rawValue }

    /// The command-line arguments that choose this variant.
    public var arguments: [String] {
        ["--model", model.rawValue] + (isConvolutional ? ["--architecture", design.rawValue] : [])
    }

    /// The variant's defaults.
    public var defaults: TrainingConfiguration { TrainingConfiguration(model: model, design: design) }

    /// `variants` named compactly: `pooled cvcnn/cnn, gnn`, `cvcnn/cnn` for all four networks.
    static func names(_ variants: [ModelVariant]) -> String {
        let networks = variants.filter(\.isConvolutional)
        var parts: [String] = []
        if networks.count == 4 {
            parts.append("cvcnn/cnn")
        } else {
            for design in [ConvolutionalDesign.pooled, .paper] {
                let models = networks.filter { $0.design == design }.map(\.model.rawValue)
                if !models.isEmpty { parts.append("\(design.rawValue) \(models.joined(separator: "/"))") }
            }
        }
        return (parts + variants.filter { !$0.isConvolutional }.map(\.description)).joined(separator: ", ")
    }

    /// `(default: A; B for x, y; C for z)`: the value for the first of `variants` (the standard
    /// variant when it is one of them), then each other value with the variants it holds for.
    static func defaultText(_ values: [(variant: ModelVariant, value: String)]) -> String {
        var groups: [(value: String, variants: [ModelVariant])] = []
        for (variant, value) in values {
            if let index = groups.firstIndex(where: { $0.value == value }) {
                groups[index].variants.append(variant)
            } else {
                groups.append((value, [variant]))
            }
        }
        guard let lead = groups.first else { return "" }
        let others = groups.dropFirst().map { "\($0.value) for \(names($0.variants))" }
        return "(default: \(([lead.value] + others).joined(separator: "; ")))"
    }
}

extension TrainingConfiguration {
    /// The architecture these settings build for their default input (two classes); `nil` when
    /// they build none.
    var defaultArchitecture: ModelArchitecture? {
        try? architecture.architecture(
            rows: feature.rows(spectral), frames: framesPerSegment, classes: 2, complex: feature.isComplex)
    }
}
