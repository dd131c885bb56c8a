import Foundation

/// Small self-contained charts for the HTML report (inline SVG and PNG; no scripts, no external resources).
public enum SVGCharts {
    /// One named line of a chart: y values at x = 1, 2, …
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) { (self.name, self.values) = (name, values) }
    }

    private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

    /// Lines over x = 1…n (e.g. epochs) with axes, a y range from the data (or `yRange`) and a legend.
    public static func lines(
        _ series: [Series], title: String, xLabel: String, yRange: ClosedRange<Double>? = nil,
        width: Int = 360, height: Int = 220
    ) -> String {
        let all = series.flatMap(\.values).filter(\.isFinite)
        let count = series.map(\.values.count).max() ?? 0
        guard !all.isEmpty, count > 0 else { return "<svg width=\"\(width)\" height=\"\(height)\"></svg>" }
        var low = yRange?.lowerBound ?? all.min()!, high = yRange?.upperBound ?? all.max()!
        if high - low < 1e-9 { (low, high) = (low - 0.5, high + 0.5) }
        let (left, right, top, bottom) = (44.0, Double(width) - 10, 24.0, Double(height) - 34)
        func x(_ i: Int) -> Double {
            count == 1 ? (left + right) / 2 : left + (right - left) * Double(i) / Double(count - 1)
        }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - low) / (high - low) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"11\">"
        svg += "<text x=\"\(width / 2)\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">\(escape(title))</text>"
        svg += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" stroke=\"#444\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\" stroke=\"#444\"/>"
        for v in [low, (low + high) / 2, high] {
            svg +=
                "<text x=\"\(left - 4)\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\">\(String(format: "%.3g", v))</text>"
        }
        svg +=
            "<text x=\"\((left + right) / 2)\" y=\"\(height - 4)\" text-anchor=\"middle\">\(escape(xLabel)) (1–\(count))</text>"
        for (k, line) in series.enumerated() {
            let color = palette[k % palette.count]
            let points = line.values.enumerated().filter { $0.element.isFinite }.map {
                "\(fmt(x($0.offset))),\(fmt(y($0.element)))"
            }
            svg +=
                "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\" points=\"\(points.joined(separator: " "))\"/>"
            svg +=
                "<text x=\"\(right - 4)\" y=\"\(Int(top) + 12 * (k + 1))\" text-anchor=\"end\" fill=\"\(color)\">\(escape(line.name))</text>"
        }
        return svg + "</svg>"
    }

    /// A `[rows, columns]` row-major matrix as a heat-map picture (an inline PNG), row 0 at the
    /// bottom (low frequencies low, like a spectrogram), averaged down to at most `maxCells` cells
    /// per side; colours run from dark (minimum) to bright (maximum), or around a colour wheel for
    /// `cyclic` data (phase), with the title as caption.
    public static func heatmap(
        _ values: [Float], rows: Int, columns: Int, title: String, cyclic: Bool = false,
        maxCells: Int = 160, scale: Int = 2
    ) -> String {
        precondition(values.count == rows * columns, "\(values.count) values for \(rows)×\(columns)")
        let (r, c) = (min(rows, maxCells), min(columns, maxCells))
        var cells = [Float](repeating: 0, count: r * c)
        for i in 0..<r {
            for j in 0..<c {
                let rowRange = (i * rows / r)..<max(i * rows / r + 1, (i + 1) * rows / r)
                let columnRange = (j * columns / c)..<max(j * columns / c + 1, (j + 1) * columns / c)
                var sum: Float = 0
                for a in rowRange { for b in columnRange { sum += values[a * columns + b] } }
                cells[i * c + j] = sum / Float(rowRange.count * columnRange.count)
            }
        }
        let finite = cells.filter(\.isFinite)
        let low = finite.min() ?? 0, high = max(finite.max() ?? 1, low + 1e-12)
        var rgb: [UInt8] = []
        rgb.reserveCapacity(3 * r * c)
        for i in (0..<r).reversed() {
            for j in 0..<c {
                let t = Double((cells[i * c + j] - low) / (high - low))
                rgb += cyclic ? hue(t) : ramp(t)
            }
        }
        return "<figure>" + PNGImage.htmlImage(rgb: rgb, width: c, height: r, scale: scale, alt: escape(title))
            + "<figcaption>\(escape(title))</figcaption></figure>"
    }

    /// Dark purple → yellow.
    private static func ramp(_ t: Double) -> [UInt8] {
        let t = min(max(t.isFinite ? t : 0, 0), 1)
        return rgb(0.27 + 0.72 * t, 0.9 * t, 0.33 - 0.2 * t)
    }

    /// A colour wheel, so −π and π look the same.
    private static func hue(_ t: Double) -> [UInt8] {
        let angle = 2 * Double.pi * (t.isFinite ? t : 0)
        return rgb(0.5 + 0.5 * cos(angle), 0.5 + 0.5 * cos(angle - 2.094), 0.5 + 0.5 * cos(angle + 2.094))
    }

    private static func rgb(_ r: Double, _ g: Double, _ b: Double) -> [UInt8] {
        [r, g, b].map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Text made safe for SVG and HTML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
