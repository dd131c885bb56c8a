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
    ///
    /// One pass for the statistics and one for y; the backward pass recomputes x̃ and V^(−1/2)·x̃
    /// instead of storing them. Channels run concurrently for large inputs.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let layout = ChannelLayout(input.shape)
        precondition(
            input.isComplex && layout.channels == beta.count, "ComplexBatchNorm(\(beta.count)) got \(input.shape)")
        let training = isTraining, re = input.real, im = input.imaginary!
        let statistics =
            training
            ? re.withUnsafeBufferPointer { x in
                im.withUnsafeBufferPointer { y in layout.mapChannels { c in Statistics(layout, c, x, y) } }
            } : (0..<layout.channels).map(runningStatistics)
        if training { updateRunningStatistics(statistics, count: layout.perChannel) }
        let whitening = statistics.map {
            Whitening(vrr: $0.vrr + epsilon, vri: $0.vri, vii: $0.vii + epsilon, epsilon: epsilon)
        }
        // y = A·x + b per channel with A = Γ·W and b = β − A·mean
        let (grr, gri, gii) = (gammaRR.real, gammaRI.real, gammaII.real),
            (betaRe, betaIm) = (beta.real, beta.imaginary!)
        let affine = (0..<layout.channels).map { c in
            let w = whitening[c], mean = (statistics[c].meanRe, statistics[c].meanIm)
            let a = (
                rr: grr[c] * w.rr + gri[c] * w.ri, ri: grr[c] * w.ri + gri[c] * w.ii,
                ir: gri[c] * w.rr + gii[c] * w.ri, ii: gri[c] * w.ri + gii[c] * w.ii
            )
            return (a, betaRe[c] - a.rr * mean.0 - a.ri * mean.1, betaIm[c] - a.ir * mean.0 - a.ii * mean.1)
        }
        var outIm: [Float] = []
        let outRe = re.withUnsafeBufferPointer { x in
            im.withUnsafeBufferPointer { y in
                makeArray(count: re.count) { outRe in
                    outIm = makeArray(count: re.count) { outIm in
                        layout.forEachBlock { c, range in
                            let (a, bRe, bIm) = affine[c]
                            for i in range {
                                outRe[i] = a.rr * x[i] + a.ri * y[i] + bRe
                                outIm[i] = a.ir * x[i] + a.ii * y[i] + bIm
                            }
                        }
                    }
                }
            }
        }
        let parents = [input, gammaRR, gammaRI, gammaII, beta]
        return .result(shape: input.shape, real: outRe, imaginary: outIm, parents: parents) { out in
            let g = out.outputGrad
            self.backward(
                g.real, g.imaginary, layout: layout, statistics: statistics, whitening: whitening, training: training,
                input: input)
        }
    }

    /// Per-channel mean and covariance (biased), or the running ones.
    private struct Statistics {
        var meanRe, meanIm, vrr, vri, vii: Float

        init(meanRe: Float, meanIm: Float, vrr: Float, vri: Float, vii: Float) {
            (self.meanRe, self.meanIm, self.vrr, self.vri, self.vii) = (meanRe, meanIm, vrr, vri, vii)
        }

        /// The batch statistics of channel `c` of the planes `re`, `im` (accumulated in Double).
        init(_ layout: ChannelLayout, _ c: Int, _ re: UnsafeBufferPointer<Float>, _ im: UnsafeBufferPointer<Float>) {
            let m = Double(layout.perChannel)
            var sumRe = 0.0, sumIm = 0.0
            layout.forEach(inChannel: c) { i in
                sumRe += Double(re[i])
                sumIm += Double(im[i])
            }
            (meanRe, meanIm) = (Float(sumRe / m), Float(sumIm / m))
            var rr = 0.0, ri = 0.0, ii = 0.0
            layout.forEach(inChannel: c) { [meanRe, meanIm] i in
                let x = Double(re[i] - meanRe), y = Double(im[i] - meanIm)
                rr += x * x
                ri += x * y
                ii += y * y
            }
            (vrr, vri, vii) = (Float(rr / m), Float(ri / m), Float(ii / m))
        }
    }

    private func runningStatistics(_ c: Int) -> Statistics {
        Statistics(
            meanRe: runningMean.real[c], meanIm: runningMean.imaginary![c],
            vrr: runningVRR.real[c], vri: runningVRI.real[c], vii: runningVII.real[c])
    }

    /// Moves the running statistics towards the batch's (`count` elements per channel).
    private func updateRunningStatistics(_ batch: [Statistics], count: Int) {
        let m = Float(count), unbiased = m / max(m - 1, 1), k = momentum
        for (c, stats) in batch.enumerated() {
            runningMean.real[c] = (1 - k) * runningMean.real[c] + k * stats.meanRe
            runningMean.imaginary![c] = (1 - k) * runningMean.imaginary![c] + k * stats.meanIm
            runningVRR.real[c] = (1 - k) * runningVRR.real[c] + k * stats.vrr * unbiased
            runningVRI.real[c] = (1 - k) * runningVRI.real[c] + k * stats.vri * unbiased
            runningVII.real[c] = (1 - k) * runningVII.real[c] + k * stats.vii * unbiased
        }
    }

    /// Sums over one channel that the backward pass needs: of g (β's gradient), of g ⊙ z (Γ's)
    /// and of gz ⊙ x̃ with gz = Γ·g (the whitening matrix's).
    private struct ChannelSums {
        var beRe: Float = 0, beIm: Float = 0, grr: Float = 0, gri: Float = 0, gii: Float = 0
        var wrr: Float = 0, wri: Float = 0, wii: Float = 0
    }

    /// Accumulates the gradients of Γ, β and (when it requires one) the input from the output's
    /// gradient planes `gRe`, `gIm`.
    private func backward(
        _ gRe: [Float], _ gIm: [Float], layout: ChannelLayout, statistics: [Statistics], whitening: [Whitening],
        training: Bool, input: Tensor
    ) {
        let sums = channelSums(gRe, gIm, layout: layout, statistics: statistics, whitening: whitening, input: input)
        for (c, s) in sums.enumerated() {
            beta.accumulateGrad { br, bi in
                br[c] += s.beRe
                bi[c] += s.beIm
            }
            gammaRR.accumulateGrad { g, _ in g[c] += s.grr }
            gammaRI.accumulateGrad { g, _ in g[c] += s.gri }
            gammaII.accumulateGrad { g, _ in g[c] += s.gii }
        }
        guard input.requiresGrad else { return }
        input.accumulateGrad(
            inputGradient(
                gRe, gIm, layout: layout, statistics: statistics, whitening: whitening, sums: sums, training: training,
                input: input))
    }

    /// The ``ChannelSums`` of every channel.
    private func channelSums(
        _ gRe: [Float], _ gIm: [Float], layout: ChannelLayout, statistics: [Statistics], whitening: [Whitening],
        input: Tensor
    ) -> [ChannelSums] {
        let (grr, gri, gii) = (gammaRR.real, gammaRI.real, gammaII.real)
        return input.real.withUnsafeBufferPointer { x in
            input.imaginary!.withUnsafeBufferPointer { y in
                layout.mapChannels { c in
                    let w = whitening[c], (meanRe, meanIm) = (statistics[c].meanRe, statistics[c].meanIm)
                    var sums = ChannelSums()
                    layout.forEach(inChannel: c) { i in
                        let xr = x[i] - meanRe, xi = y[i] - meanIm
                        let zr = w.rr * xr + w.ri * xi, zi = w.ri * xr + w.ii * xi
                        sums.beRe += gRe[i]
                        sums.beIm += gIm[i]
                        sums.grr += gRe[i] * zr
                        sums.gri += gRe[i] * zi + gIm[i] * zr
                        sums.gii += gIm[i] * zi
                        let gzr = grr[c] * gRe[i] + gri[c] * gIm[i], gzi = gri[c] * gRe[i] + gii[c] * gIm[i]
                        sums.wrr += gzr * xr
                        sums.wri += gzr * xi + gzi * xr
                        sums.wii += gzi * xi
                    }
                    return sums
                }
            }
        }
    }

    /// g_x = W·gz, and in training also the path through V (gv) and through the mean: minus the
    /// channel mean of W·gz, i.e. W·Γ·mean(g) (the V path's mean vanishes as x̃ is centred).
    private func inputGradient(
        _ gRe: [Float], _ gIm: [Float], layout: ChannelLayout, statistics: [Statistics], whitening: [Whitening],
        sums: [ChannelSums], training: Bool, input: Tensor
    ) -> (real: [Float], imaginary: [Float]) {
        let m = Float(layout.perChannel), (grr, gri, gii) = (gammaRR.real, gammaRI.real, gammaII.real)
        let terms = (0..<layout.channels).map { c in
            let w = whitening[c], s = sums[c]
            let gv = training ? w.covarianceGradient(gWrr: s.wrr, gWri: s.wri, gWii: s.wii) : (vrr: 0, vri: 0, vii: 0)
            let meanGzr = training ? (grr[c] * s.beRe + gri[c] * s.beIm) / m : 0
            let meanGzi = training ? (gri[c] * s.beRe + gii[c] * s.beIm) / m : 0
            return (gv, w.rr * meanGzr + w.ri * meanGzi, w.ri * meanGzr + w.ii * meanGzi)
        }
        var gxIm: [Float] = []
        let gxRe = input.real.withUnsafeBufferPointer { x in
            input.imaginary!.withUnsafeBufferPointer { y in
                makeArray(count: gRe.count) { gxRe in
                    gxIm = makeArray(count: gRe.count) { gxIm in
                        layout.forEachBlock { c, range in
                            let w = whitening[c], (gv, meanRe, meanIm) = terms[c]
                            let (centreRe, centreIm) = (statistics[c].meanRe, statistics[c].meanIm)
                            for i in range {
                                let xr = x[i] - centreRe, xi = y[i] - centreIm
                                let gzr = grr[c] * gRe[i] + gri[c] * gIm[i], gzi = gri[c] * gRe[i] + gii[c] * gIm[i]
                                gxRe[i] = w.rr * gzr + w.ri * gzi + (2 * gv.vrr * xr + gv.vri * xi) / m - meanRe
                                gxIm[i] = w.ri * gzr + w.ii * gzi + (2 * gv.vii * xi + gv.vri * xr) / m - meanIm
                            }
                        }
                    }
                }
            }
        }
        return (gxRe, gxIm)
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
