import ArgumentParser
import ComplexNN
import PhaseGraph
import Spectral

// The option types of ``TrainingOverrides`` and ``SpectralOverrides``: each parses from its raw
// value, and `--help` lists the values (they are all `CaseIterable`).
extension ModelKind: ExpressibleByArgument {}
extension InputFeature: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension ActivationKind: ExpressibleByArgument {}
extension EpochSelection: ExpressibleByArgument {}
extension ConvolutionalDesign: ExpressibleByArgument {}
extension PooledCNNConfiguration.GlobalPooling: ExpressibleByArgument {}
extension LearningRateScheduleKind: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}
extension PhaseGraphConfiguration.NodeSet: ExpressibleByArgument {}
extension PhaseGraphConfiguration.NodeFeatures: ExpressibleByArgument {}
extension PhaseGraphConfiguration.EdgeWeighting: ExpressibleByArgument {}
extension PhaseGraphConfiguration.Readout: ExpressibleByArgument {}
extension WindowFunction: ExpressibleByArgument {}
extension MelNormalization: ExpressibleByArgument {}
