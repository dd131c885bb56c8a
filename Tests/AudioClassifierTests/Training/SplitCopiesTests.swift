import Testing

@testable import Datasets
@testable import Training

/// Copies of one audio across splits are found by content hash and named in training's warning.
@Suite struct SplitCopiesTests {
    private func item(_ name: String, _ split: DatasetSplit) -> DatasetItem {
        var item = DatasetItem(path: "/d/\(name)", label: "a", relativePath: name)
        item.split = split
        return item
    }

    @Test func copiesInLaterSplitsAreNamedWithTheirOriginal() throws {
        let items = [
            item("t1", .test), item("a", .train), item("v1", .validation), item("v2", .validation), item("t2", .test),
            item("b", .train),
        ]
        // t1 copies a; v1 copies a; v2 and t2 are the same audio; b is unique.
        let copies = SplitCopies(items: items, hashes: ["h1", "h1", "h1", "h2", "h2", "h3"])
        #expect(copies.copies.map(\.copy.relativePath) == ["t1", "v1", "t2"])
        #expect(copies.copies.map(\.original.relativePath) == ["a", "a", "v2"])
        #expect(copies.positions == [0, 2, 4])
        let warning = try #require(copies.warning)
        #expect(
            warning.hasPrefix(
                "3 tracks (1 validation, 2 test) hold the same audio as a track of an earlier split (t1 = a; v1 = a; t2 = v2): "
            ), "\(warning)")
    }

    @Test func copiesWithinOneSplitAreNotAWarning() {
        let items = [item("a", .train), item("b", .train), item("v", .validation), item("w", .validation)]
        #expect(SplitCopies(items: items, hashes: ["h", "h", "g", "g"]).warning == nil)
    }
}
