import ComplexNN
import Foundation
import TestSupport
import Testing

@testable import Models

/// `--model linear` against scikit-learn 1.7.2 (`scripts/make_linear_fixtures.py`): the same
/// standardisation and the same optimum of the L2-regularised multinomial log-loss.
@Suite struct StatisticsClassifierTests {
    struct Case: Decodable {
        let inverseRegularization: Double
        let statistics: [[Float]], labels: [Int], test: [[Float]]
        let mean: [Float], scale: [Float], coefficients: [[Float]], intercept: [Float]
        let testProbabilities: [[Float]]

        enum CodingKeys: String, CodingKey {
            case inverseRegularization = "C", statistics, labels, test, mean, scale, coefficients, intercept
            case testProbabilities
        }
    }

    struct Reference: Decodable { let cases: [Case] }

    private func matrix(_ rows: [[Float]]) -> Tensor {
        Tensor(shape: [rows.count, rows[0].count], real: rows.flatMap { $0 })
    }

    @Test func fitEqualsScikitLearnsLogisticRegression() throws {
        for (index, reference) in try Fixtures.json("linear/sklearn_logistic.json", as: Reference.self).cases
            .enumerated()
        {
            let width = reference.mean.count, classes = reference.intercept.count
            var configuration = StatisticsClassifierConfiguration(
                rows: width / 2, frames: 1, complex: false, classes: classes)
            configuration.inverseRegularization = reference.inverseRegularization
            let model = StatisticsClassifier(configuration, seed: 1)
            let fit = model.fit(statistics: matrix(reference.statistics), labels: reference.labels)
            #expect(fit.steps < 3000, "case \(index) converged (every gradient entry < 1e-6)")
            expectClose(model.statisticsMean.real, reference.mean, rtol: 1e-5, atol: 1e-5)
            expectClose(model.statisticsScale.real, reference.scale, rtol: 1e-5, atol: 1e-5)
            expectClose(model.linear.weight.real, reference.coefficients.flatMap { $0 }, rtol: 1e-3, atol: 1e-4)
            // Softmax ignores a shift common to every intercept (unpenalised, so not unique): compare centred.
            func centred(_ v: [Float]) -> [Float] { v.map { $0 - v.reduce(0, +) / Float(v.count) } }
            expectClose(centred(model.linear.bias!.real), centred(reference.intercept), rtol: 1e-3, atol: 1e-4)
            let logits = model.linear(model.standardized(matrix(reference.test)))
            expectClose(
                SegmentClassifier.softmaxRows(logits).flatMap { $0 }, reference.testProbabilities.flatMap { $0 },
                rtol: 0, atol: 1e-4)
        }
    }

    /// Per row: mean over frames, then the population standard deviation; a complex input gives
    /// the real plane's statistics, then the imaginary plane's.
    @Test func statisticsArePerRowMeanAndStandardDeviation() {
        let input = Tensor(
            shape: [1, 1, 2, 4], real: [1, 2, 3, 4, 0, 0, 0, 0], imaginary: [2, 2, 2, 2, -1, 1, -1, 1])
        let statistics = StatisticsClassifier.statistics(of: input)
        #expect(statistics.shape == [1, 8])
        expectClose(statistics.real, [2.5, 0, Float(1.25).squareRoot(), 0, 2, 0, 0, 1], rtol: 1e-6, atol: 1e-7)
    }
}
