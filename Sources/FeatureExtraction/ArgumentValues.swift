import ArgumentParser
import Spectral

// The option types of ``SpectralOverrides`` and ``ExtractionOverrides`` and the input feature of `train genre`: each parses
// from its raw value, and `--help` lists the values (they are all `CaseIterable`).
extension InputFeature: ExpressibleByArgument {}
extension WindowFunction: ExpressibleByArgument {}
extension MelNormalization: ExpressibleByArgument {}
extension StoredPrecision: ExpressibleByArgument {}
