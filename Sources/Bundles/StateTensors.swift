import ComplexNN

/// Converts named tensors to safetensors entries and back: real tensors as `F32`, complex ones
/// as `C64` (interleaved re, im), under `prefix + name`.
package enum StateTensors {
    package static func entries(
        _ tensors: [(name: String, tensor: Tensor)], prefix: String = ""
    ) -> [String: SafeTensorsFile.Entry] {
        var result: [String: SafeTensorsFile.Entry] = [:]
        for (name, tensor) in tensors {
            if let imaginary = tensor.imaginary {
                var pairs = [Float](repeating: 0, count: 2 * tensor.count)
                for i in 0..<tensor.count { (pairs[2 * i], pairs[2 * i + 1]) = (tensor.real[i], imaginary[i]) }
                result[prefix + name] = SafeTensorsFile.Entry(shape: tensor.shape, complex64Interleaved: pairs)
            } else {
                result[prefix + name] = SafeTensorsFile.Entry(shape: tensor.shape, float32: tensor.real)
            }
        }
        return result
    }

    /// The entries whose names start with `prefix`, as tensors named without it; any dtype but
    /// `F32`/`C64` is an error naming the tensor.
    package static func tensors(
        _ entries: [String: SafeTensorsFile.Entry], prefix: String = ""
    ) throws(SafeTensorsError) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (name, entry) in entries where name.hasPrefix(prefix) {
            let values: [Float]
            do { values = try entry.float32Values() } catch {
                throw .wrongType("tensor \(name): expected F32 or C64, found \(entry.dtype.rawValue)")
            }
            let key = String(name.dropFirst(prefix.count))
            if entry.dtype == .complex64 {
                result[key] = Tensor(
                    shape: entry.shape, real: stride(from: 0, to: values.count, by: 2).map { values[$0] },
                    imaginary: stride(from: 1, to: values.count, by: 2).map { values[$0] })
            } else {
                result[key] = Tensor(shape: entry.shape, real: values)
            }
        }
        return result
    }
}
