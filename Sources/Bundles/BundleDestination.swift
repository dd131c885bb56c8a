import Foundation

/// Where training may write a bundle: never into a folder that already holds files (unless the
/// caller was asked to overwrite or resume) and never through a symbolic link (which would
/// overwrite the bundle it points to, e.g. `models/default` → `models/demo`).
public enum BundleDestination {
    /// Why a folder cannot take a new bundle.
    public enum Problem: Error, Equatable, Sendable {
        /// The path is a symbolic link (to `target`).
        case symbolicLink(target: String)
        /// The folder exists and is not empty.
        case notEmpty
        /// The path exists and is not a folder.
        case notAFolder
    }

    /// Checks `path` for a new bundle: `overwrite` allows a non-empty folder, `resume` allows a
    /// non-empty folder and a link (resuming writes the run it continues).
    public static func check(_ path: String, overwrite: Bool, resume: Bool) throws(Problem) {
        let manager = FileManager.default
        if !resume, let target = try? manager.destinationOfSymbolicLink(atPath: path) {
            throw .symbolicLink(target: target)
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw .notAFolder }
        let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        if !contents.isEmpty && !overwrite && !resume { throw .notEmpty }
    }

    /// A folder in `models` that does not exist yet: `<model>-<features>-<YYYYMMDD-HHMMSS>` (UTC),
    /// with `-2`, `-3`, … appended when that is taken.
    public static func newFolder(in models: String, model: String, features: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = "\(models)/\(model)-\(features)-\(formatter.string(from: date))"
        var candidate = base, counter = 1
        while (try? FileManager.default.attributesOfItem(atPath: candidate)) != nil {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        return candidate
    }
}
