import Spectral
import TestSupport
import Testing

@Suite("windows")
struct WindowTests {
    @Test("periodic windows equal scipy.signal.get_window(fftbins=True)", arguments: WindowFunction.allCases)
    func scipyWindows(window: WindowFunction) throws {
        let arrays = try Fixtures.npz("spectral/windows.npz")
        let scipyName = window == .rectangular ? "boxcar" : window.rawValue
        for length in [1, 7, 400, 1000] {
            let expected = try #require(arrays["\(scipyName)_\(length)"]).floats()
            expectClose(window.samples(length: length), expected, rtol: 0, atol: 1e-7, "\(window) \(length)")
        }
    }

    @Test("a shorter window is centred in the frame like librosa.util.pad_center")
    func centred() throws {
        let arrays = try Fixtures.npz("spectral/windows.npz")
        expectClose(
            WindowFunction.hann.samples(length: 400, centredIn: 512),
            try #require(arrays["hann_400_in_512"]).floats(), rtol: 0, atol: 1e-7, "hann 400 in 512")
        expectClose(
            WindowFunction.hann.samples(length: 7, centredIn: 10),
            try #require(arrays["hann_7_in_10"]).floats(), rtol: 0, atol: 1e-7, "hann 7 in 10")
    }
}
