import Foundation
import NumPyIO

/// A confusion matrix drawn as a small standalone SVG: one square per (truth, prediction) cell,
/// shaded by the fraction of the truth row it holds, with the count written inside.
public enum ConfusionMatrixSVG {
    /// The SVG text; rows are true labels, columns predictions.
    public static func render(_ confusion: [[Int]], labels: [String], title: String) -> String {
        let cell = 48, margin = 12 + 7 * (labels.map(\.count).max() ?? 0),
            top = 40 + 7 * (labels.map(\.count).max() ?? 0)
        let n = labels.count, width = margin + n * cell + 20, height = top + n * cell + 40
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="12">
            <text x="\(margin)" y="18" font-size="14">\(escape(title))</text>
            <text x="\(margin)" y="\(height - 12)">rows: true label, columns: predicted</text>

            """
        for (j, label) in labels.enumerated() {
            let x = margin + j * cell + cell / 2
            svg += "<text transform=\"translate(\(x),\(top - 6)) rotate(-60)\">\(escape(label))</text>\n"
        }
        for (i, label) in labels.enumerated() {
            let rowTotal = max(confusion[i].reduce(0, +), 1), y = top + i * cell
            svg += "<text x=\"\(margin - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(escape(label))</text>\n"
            for j in 0..<n {
                let count = confusion[i][j], share = Double(count) / Double(rowTotal)
                let shade = Int((255 * (1 - share)).rounded())
                let ink = share > 0.5 ? "white" : "black"
                svg +=
                    "<rect x=\"\(margin + j * cell)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"rgb(\(shade),\(shade),255)\" stroke=\"#888\"/>"
                svg +=
                    "<text x=\"\(margin + j * cell + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(count)</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// Renders and writes the SVG to `url` atomically (temporary file + rename); the error names
    /// the path and the reason ("Permission denied").
    public static func write(_ confusion: [[Int]], labels: [String], title: String, to url: URL) throws {
        try AtomicFile.write(Array(render(confusion, labels: labels, title: title).utf8), to: url)
    }

    private static func escape(_ text: String) -> String { SVGCharts.escape(text) }
}
