import Testing

@testable import Synthesis

@Suite struct SignalBuilderTests {
    /// A 0 Hz partial of amplitude 1 and phase 0 writes the envelope itself.
    @Test func equalAttackAndReleaseGiveASymmetricEnvelope() {
        var signal = SignalBuilder(seconds: 0.1, sampleRate: 1000)
        signal.addTone(at: 0, duration: 0.1, frequency: 0, partials: [1], attack: 0.01, release: 0.01)
        let envelope = signal.samples
        #expect(envelope.count == 100)
        #expect(envelope.first == 0 && envelope.last == 0)
        #expect(envelope[5] == 0.5 && envelope[94] == 0.5)
        #expect(envelope[10...89].allSatisfy { $0 == 1 })
        #expect(envelope == Array(envelope.reversed()))
    }
}
