/// Complex batch normalisation with 2×2 whitening (Trabelsi et al. 2018, "Deep Complex Networks").
///
/// Per channel (axis 1; statistics over every other axis), with x̃ = x − E[x] seen as the real
/// 2-vector (Re x̃, Im x̃) and V = [[Vrr, Vri], [Vri, Vii]] its covariance + eps·I:
///
///     y = Γ · V^(−1/2) · x̃ + β,   Γ = [[γrr, γri], [γri, γii]],   β complex,
///
/// with V^(−1/2) = [[Vii + s, −Vri], [−Vri, Vrr + s]] / (s·t), s = √det V, t = √(Vrr + Vii + 2s).
/// Initially γrr = γii = 1/√2, γri = 0, β = 0. In training the batch statistics (biased, i.e.
/// divided by the count) normalise, and the running statistics follow PyTorch's convention
/// running = (1 − momentum)·running + momentum·batch, with the *unbiased* batch covariance
/// (count/(count − 1), like `torch.nn.BatchNorm2d`'s running variance); they start at mean 0,
/// covariance I. In evaluation the running statistics normalise and nothing is updated.
public final class ComplexBatchNorm: Module {
    /// The entries of the symmetric 2×2 scaling Γ, real `[channels]` each.
    public let gammaRR: Tensor, gammaRI: Tensor, gammaII: Tensor
    /// `[channels]`, complex.
    public let beta: Tensor
    /// `[channels]`, complex.
    public let runningMean: Tensor
    /// The running covariance entries (unbiased), real `[channels]` each.
    public let runningVRR: Tensor, runningVRI: Tensor, runningVII: Tensor
    public let epsilon: Float, momentum: Float
    public private(set) var isTraining = true

    /// - Parameters:
    ///   - channels: the size of axis 1.
    ///   - epsilon: added to the diagonal of the covariance (default 1e-5).
    ///   - momentum: weight of the batch statistic in the running averages (default 0.1).
    public init(channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        func constant(_ value: Float, grad: Bool) -> Tensor {
            Tensor(shape: [channels], real: [Float](repeating: value, count: channels), requiresGrad: grad)
        }
        gammaRR = constant(1 / Float(2).squareRoot(), grad: true)
        gammaRI = constant(0, grad: true)
        gammaII = constant(1 / Float(2).squareRoot(), grad: true)
        beta = Tensor(zeros: [channels], complex: true, requiresGrad: true)
        runningMean = Tensor(zeros: [channels], complex: true)
        runningVRR = constant(1, grad: false)
        runningVRI = constant(0, grad: false)
        runningVII = constant(1, grad: false)
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public func setTrainingMode(_ training: Bool) { isTraining = training }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("gammaRR", gammaRR), ("gammaRI", gammaRI), ("gammaII", gammaII), ("beta", beta)]
    }

    public var ownBuffers: [(name: String, tensor: Tensor)] {
        [
            ("runningMean", runningMean), ("runningVRR", runningVRR), ("runningVRI", runningVRI),
            ("runningVII", runningVII),
        ]
    }

    /// `input` complex `[N, channels, …]` → the same shape.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let layout = ChannelLayout(input.shape)
        precondition(
            input.isComplex && layout.channels == beta.count, "ComplexBatchNorm(\(beta.count)) got \(input.shape)")
        let training = isTraining
        var centredRe = input.real, centredIm = input.imaginary!
        var whitening: [Whitening] = []
        for c in 0..<layout.channels {
            let stats = training ? batchStatistics(layout, c, input) : runningStatistics(c)
            layout.forEach(inChannel: c) { i in
                centredRe[i] -= stats.meanRe
                centredIm[i] -= stats.meanIm
            }
            whitening.append(
                Whitening(vrr: stats.vrr + epsilon, vri: stats.vri, vii: stats.vii + epsilon, epsilon: epsilon))
        }
        var outRe = centredRe, outIm = centredIm, zRe = centredRe, zIm = centredIm
        for c in 0..<layout.channels {
            let w = whitening[c]
            let (grr, gri, gii) = (gammaRR.real[c], gammaRI.real[c], gammaII.real[c])
            let (betaRe, betaIm) = (beta.real[c], beta.imaginary![c])
            layout.forEach(inChannel: c) { i in
                zRe[i] = w.rr * centredRe[i] + w.ri * centredIm[i]
                zIm[i] = w.ri * centredRe[i] + w.ii * centredIm[i]
                outRe[i] = grr * zRe[i] + gri * zIm[i] + betaRe
                outIm[i] = gri * zRe[i] + gii * zIm[i] + betaIm
            }
        }
        let parents = [input, gammaRR, gammaRI, gammaII, beta]
        return .result(shape: input.shape, real: outRe, imaginary: outIm, parents: parents) { out in
            let g = out.outputGrad
            self.backward(
                g.real, g.imaginary, layout: layout, centred: (centredRe, centredIm), whitened: (zRe, zIm),
                whitening: whitening, training: training, input: input)
        }
    }

    private struct Statistics { var meanRe, meanIm, vrr, vri, vii: Float }

    private func runningStatistics(_ c: Int) -> Statistics {
        Statistics(
            meanRe: runningMean.real[c], meanIm: runningMean.imaginary![c],
            vrr: runningVRR.real[c], vri: runningVRI.real[c], vii: runningVII.real[c])
    }

    /// The biased batch statistics of channel `c` (accumulated in Double); also moves the
    /// running statistics.
    private func batchStatistics(_ layout: ChannelLayout, _ c: Int, _ input: Tensor) -> Statistics {
        let re = input.real, im = input.imaginary!, m = Float(layout.perChannel)
        var sumRe = 0.0, sumIm = 0.0
        layout.forEach(inChannel: c) { i in
            sumRe += Double(re[i])
            sumIm += Double(im[i])
        }
        let meanRe = Float(sumRe / Double(m)), meanIm = Float(sumIm / Double(m))
        var rr = 0.0, ri = 0.0, ii = 0.0
        layout.forEach(inChannel: c) { i in
            let x = Double(re[i] - meanRe), y = Double(im[i] - meanIm)
            rr += x * x
            ri += x * y
            ii += y * y
        }
        let (vrr, vri, vii) = (Float(rr / Double(m)), Float(ri / Double(m)), Float(ii / Double(m)))
        let stats = Statistics(meanRe: meanRe, meanIm: meanIm, vrr: vrr, vri: vri, vii: vii)
        let unbiased = m / max(m - 1, 1), k = momentum
        runningMean.real[c] = (1 - k) * runningMean.real[c] + k * meanRe
        runningMean.imaginary![c] = (1 - k) * runningMean.imaginary![c] + k * meanIm
        runningVRR.real[c] = (1 - k) * runningVRR.real[c] + k * stats.vrr * unbiased
        runningVRI.real[c] = (1 - k) * runningVRI.real[c] + k * stats.vri * unbiased
        runningVII.real[c] = (1 - k) * runningVII.real[c] + k * stats.vii * unbiased
        return stats
    }

    private func backward(
        _ gRe: [Float], _ gIm: [Float], layout: ChannelLayout, centred: ([Float], [Float]),
        whitened: ([Float], [Float]), whitening: [Whitening], training: Bool, input: Tensor
    ) {
        let (xr, xi) = centred, (zr, zi) = whitened, m = Float(layout.perChannel)
        var gxRe = [Float](repeating: 0, count: gRe.count), gxIm = gxRe
        for c in 0..<layout.channels {
            let (grr, gri, gii) = (gammaRR.real[c], gammaRI.real[c], gammaII.real[c]), w = whitening[c]
            var sums = (
                beRe: Float(0), beIm: Float(0), grr: Float(0), gri: Float(0), gii: Float(0),
                wrr: Float(0), wri: Float(0), wii: Float(0)
            )
            layout.forEach(inChannel: c) { i in
                sums.beRe += gRe[i]
                sums.beIm += gIm[i]
                sums.grr += gRe[i] * zr[i]
                sums.gri += gRe[i] * zi[i] + gIm[i] * zr[i]
                sums.gii += gIm[i] * zi[i]
                let gzr = grr * gRe[i] + gri * gIm[i], gzi = gri * gRe[i] + gii * gIm[i]
                sums.wrr += gzr * xr[i]
                sums.wri += gzr * xi[i] + gzi * xr[i]
                sums.wii += gzi * xi[i]
                gxRe[i] = w.rr * gzr + w.ri * gzi
                gxIm[i] = w.ri * gzr + w.ii * gzi
            }
            beta.accumulateGrad { br, bi in
                br[c] += sums.beRe
                bi[c] += sums.beIm
            }
            gammaRR.accumulateGrad { g, _ in g[c] += sums.grr }
            gammaRI.accumulateGrad { g, _ in g[c] += sums.gri }
            gammaII.accumulateGrad { g, _ in g[c] += sums.gii }
            guard training else { continue }
            let gv = w.covarianceGradient(gWrr: sums.wrr, gWri: sums.wri, gWii: sums.wii)
            var meanRe: Float = 0, meanIm: Float = 0
            layout.forEach(inChannel: c) { i in
                gxRe[i] += (2 * gv.vrr * xr[i] + gv.vri * xi[i]) / m
                gxIm[i] += (2 * gv.vii * xi[i] + gv.vri * xr[i]) / m
                meanRe += gxRe[i] / m
                meanIm += gxIm[i] / m
            }
            layout.forEach(inChannel: c) { i in
                gxRe[i] -= meanRe
                gxIm[i] -= meanIm
            }
        }
        input.accumulateGrad { gr, gi in
            for i in 0..<gr.count {
                gr[i] += gxRe[i]
                gi[i] += gxIm[i]
            }
        }
    }
}

/// W = V^(−1/2) for a 2×2 symmetric positive-definite V = [[a, b], [b, c]], with the
/// intermediate quantities its derivative needs.
struct Whitening {
    let a, b, c: Float
    /// s = √(ac − b²), t = √(a + c + 2s), q = 1/(s·t).
    let s, t, q: Float
    /// The entries of W: [[rr, ri], [ri, ii]].
    let rr, ri, ii: Float

    /// V = [[vrr, vri], [vri, vii]] already including eps·I. Its determinant is at least eps²
    /// in exact arithmetic; it is clamped there so that rounding with nearly collinear real and
    /// imaginary parts (det ≈ 0 at large variances) cannot produce a NaN.
    init(vrr: Float, vri: Float, vii: Float, epsilon: Float) {
        (a, b, c) = (vrr, vri, vii)
        s = max(a * c - b * b, epsilon * epsilon).squareRoot()
        t = (a + c + 2 * s).squareRoot()
        q = 1 / (s * t)
        (rr, ri, ii) = (q * (c + s), -q * b, q * (a + s))
    }

    /// ∂L/∂(Vrr, Vri, Vii) from ∂L/∂(Wrr, Wri, Wii) (Wri counted once), by reverse-mode through
    /// Wrr = q(c + s), Wri = −qb, Wii = q(a + s), q = 1/(st), t = √(a + c + 2s), s = √(ac − b²).
    func covarianceGradient(gWrr: Float, gWri: Float, gWii: Float) -> (vrr: Float, vri: Float, vii: Float) {
        let gq = gWrr * (c + s) - gWri * b + gWii * (a + s)
        let gt = -gq * q / t
        let gs = q * (gWrr + gWii) - gq * q / s + gt / t
        let ga = q * gWii + gt / (2 * t) + gs * c / (2 * s)
        let gc = q * gWrr + gt / (2 * t) + gs * a / (2 * s)
        let gb = -q * gWri - gs * b / s
        return (ga, gb, gc)
    }
}
