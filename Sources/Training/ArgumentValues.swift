import ArgumentParser
import ComplexNN
import Models
import PhaseGraph

// The option types of ``TrainingOverrides``: each parses from its raw value, and `--help` lists
// the values (they are all `CaseIterable`). The input feature and the spectral options' types
// conform in FeatureExtraction.
extension ModelKind: ExpressibleByArgument {}
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
