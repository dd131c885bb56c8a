/// A bad parameter or a bad signal given to a feature computation. The message quotes the
/// offending value in librosa's style, e.g. `hopLength=0 must be a positive integer`.
public enum SpectralError: Error, Equatable, CustomStringConvertible {
    /// A parameter out of its domain (`nFFT`, `hopLength`, `nMels`, `fmax`, …).
    case invalidParameter(String)
    /// A signal that cannot be analysed (empty, too short, non-finite samples).
    case invalidSignal(String)

    public var description: String {
        switch self {
        case .invalidParameter(let message), .invalidSignal(let message): message
        }
    }
}

// MARK: - Checks shared by every feature

/// Throws unless `value > 0`, naming the parameter: `nFFT=0 must be a positive integer`.
func requirePositive(_ value: Int, _ name: String) throws {
    guard value > 0 else { throw SpectralError.invalidParameter("\(name)=\(value) must be a positive integer") }
}

/// Throws unless every sample is finite and there is at least one.
func requireAnalysable(_ signal: [Float]) throws {
    guard !signal.isEmpty else { throw SpectralError.invalidSignal("signal is empty (0 samples)") }
    if let index = signal.withUnsafeBufferPointer(firstNonFiniteIndex) {
        throw SpectralError.invalidSignal("signal[\(index)]=\(signal[index]) is not finite")
    }
}
