import Testing

@testable import ComplexNN

/// The 2×2 inverse square root used by complex batch norm.
@Suite struct WhiteningTests {
    @Test func inverseSquareRootWhitens() {
        let (a, b, c): (Float, Float, Float) = (2.5, -0.8, 0.9)
        let w = Whitening(vrr: a, vri: b, vii: c, epsilon: 1e-5)
        // W·V·W = I
        let wv = [[w.rr * a + w.ri * b, w.rr * b + w.ri * c], [w.ri * a + w.ii * b, w.ri * b + w.ii * c]]
        let wvw = [
            [wv[0][0] * w.rr + wv[0][1] * w.ri, wv[0][0] * w.ri + wv[0][1] * w.ii],
            [wv[1][0] * w.rr + wv[1][1] * w.ri, wv[1][0] * w.ri + wv[1][1] * w.ii],
        ]
        #expect(
            abs(wvw[0][0] - 1) < 1e-5 && abs(wvw[0][1]) < 1e-5 && abs(wvw[1][0]) < 1e-5 && abs(wvw[1][1] - 1) < 1e-5)
    }

    /// Re and Im exactly collinear at large variance: eps is absorbed by rounding, the Float
    /// determinant is 0, and without the eps² floor W would be infinite.
    @Test func collinearLargeVarianceStaysFinite() {
        let eps: Float = 1e-5
        let w = Whitening(vrr: 9e6 + eps, vri: 2.7e7, vii: 8.1e7 + eps, epsilon: eps)
        #expect(w.rr.isFinite && w.ri.isFinite && w.ii.isFinite)
        let g = w.covarianceGradient(gWrr: 1, gWri: 1, gWii: 1)
        #expect(g.vrr.isFinite && g.vri.isFinite && g.vii.isFinite)
    }
}
