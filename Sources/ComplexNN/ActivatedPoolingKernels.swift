// The per-plane loops of activation + |z|-max-pooling, shared by `pointwiseMaxPooled` and the
// fused convolution blocks. Not `@inline(__always)`: forced into their callers, the map's loops
// were no longer vectorised (callgrind: twice the instructions of the pass).

/// What the backward pass of an activation + |z|-max-pooling needs of each window's winner: its
/// value before the activation (x + iy) and its index in the pooled input (flat, or within one
/// batch item for the fused convolution blocks; 32 bits, half the memory of an `Int`).
final class WindowWinners {
    let count: Int
    let x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>
    let index: UnsafeMutablePointer<Int32>

    /// Room for `count` windows' winners (uninitialised) of an input of `inputCount` elements.
    init(count: Int, inputCount: Int) {
        precondition(inputCount <= Int(Int32.max), "\(inputCount) elements to pool, at most \(Int32.max)")
        self.count = count
        x = .allocate(capacity: 2 * count)
        y = x + count
        index = .allocate(capacity: count)
    }

    deinit {
        x.deallocate()
        index.deallocate()
    }
}

/// Activates one plane of the pooled input (`x`, `y`: `windows.height × windows.width` values of
/// channel `channel`) into `scratch` (two such planes) and, for each of the plane's pooling
/// windows, finds the winner — the largest |map(z)|, the first on ties — and writes its activated
/// value at `u`, `v` and its input value and index (in the plane, plus `indexBase`) into
/// `winners` at `first`, all at the window's index in the plane.
func poolActivatedPlane<Map: ComplexPointwiseMap>(
    _ map: Map, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, channel: Int, windows: PoolingWindows,
    scratch: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
    winners: WindowWinners, first: Int, indexBase: Int
) {
    let planeSize = windows.height * windows.width
    let (fu, fv) = (scratch, scratch + planeSize)
    for j in 0..<planeSize {
        let p = map(x[j], y[j], channel: channel)
        (fu[j], fv[j]) = (p.u, p.v)
    }
    let (wx, wy, wi) = (winners.x + first, winners.y + first, winners.index + first)
    windows.forEach(inPlanes: 0..<1) { o, topLeft in
        let best = windowWinner(fu, fv, corner: topLeft, windows: windows)
        (u[o], v[o], wx[o], wy[o], wi[o]) = (
            fu[best], fv[best], x[best], y[best], Int32(truncatingIfNeeded: indexBase &+ best)
        )
    }
}

/// The index (in the plane buffers `fu`, `fv`) of the largest |(u, v)|² in the window whose
/// top-left corner is `corner`; the first one on ties.
@inline(__always)
private func windowWinner(
    _ fu: UnsafeMutablePointer<Float>, _ fv: UnsafeMutablePointer<Float>, corner: Int, windows: PoolingWindows
) -> Int {
    var best = corner, bestScore = fu[corner] * fu[corner] + fv[corner] * fv[corner]
    for ki in 0..<windows.kernel.height {
        let rowStart = corner &+ ki &* windows.width
        for j in rowStart..<(rowStart &+ windows.kernel.width) {
            let score = fu[j] * fu[j] + fv[j] * fv[j]
            if score > bestScore { (best, bestScore) = (j, score) }
        }
    }
    return best
}

/// Adds J(z)ᵀ·g at `count` window winners of channel `channel` (those of `winners` from `first`
/// on, with the output gradient `gu`, `gv` of their windows) to the gradient planes `gr`, `gi`
/// at the winners' indices: Jᵀ is applied in a vectorisable loop into `scratch` (2·count floats),
/// then the results are scattered.
func scatterWinnerGradients<Map: ComplexPointwiseMap>(
    _ map: Map, channel: Int, count: Int, winners: WindowWinners, first: Int, gu: UnsafePointer<Float>,
    gv: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, into gr: UnsafeMutablePointer<Float>,
    _ gi: UnsafeMutablePointer<Float>
) {
    let (x, y, index) = (winners.x + first, winners.y + first, winners.index + first)
    let (gx, gy) = (scratch, scratch + count)
    for j in 0..<count {
        let p = map(x[j], y[j], channel: channel)
        gx[j] = p.ux * gu[j] + p.vx * gv[j]
        gy[j] = p.uy * gu[j] + p.vy * gv[j]
    }
    for j in 0..<count {
        gr[Int(index[j])] += gx[j]
        gi[Int(index[j])] += gy[j]
    }
}
