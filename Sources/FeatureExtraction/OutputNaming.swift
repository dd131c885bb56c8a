import ClassifierSupport
import Datasets
import Foundation

/// Names the output file of each input: its path relative to the folder or manifest it came
/// through, with the audio extension replaced by `extension` (`rock/a.wav` → `rock/a.npz`).
/// Inputs that would share a name keep their audio extension (`rock/a.wav.npz`,
/// `rock/a.flac.npz`), and inputs that still collide (same relative path reached from two
/// roots) get the first 8 hex digits of their absolute path's SHA-256 as a prefix folder.
public enum OutputNaming {
    public static func names(for items: [DatasetItem], extension ext: String = "npz") -> [String] {
        func stem(_ relative: String) -> String { (relative as NSString).deletingPathExtension }
        let stems = items.map { stem($0.relativePath) }
        let stemCounts = Dictionary(stems.map { ($0, 1) }, uniquingKeysWith: +)
        let names = items.indices.map { i in
            (stemCounts[stems[i]]! > 1 ? items[i].relativePath : stems[i]) + "." + ext
        }
        let nameCounts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        return items.indices.map { i in
            nameCounts[names[i]]! > 1
                ? String(SHA256.hex(Array(items[i].path.utf8)).prefix(8)) + "/" + names[i] : names[i]
        }
    }
}
