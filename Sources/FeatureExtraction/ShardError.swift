import ClassifierSupport

/// Why a shard cannot be chosen or merged. Messages name the settings by key (`shard`,
/// `shard_count`); ``message(naming:)`` lets the command line spell them as its flags.
public enum ShardError: SettingNamingError, Equatable, Sendable {
    /// `shard` is not `I/N` with `0 ≤ I < N`.
    case malformed(String)
    /// A Slurm array task without `SLURM_ARRAY_TASK_COUNT` and no `shard_count`.
    case slurmCountMissing
    /// A Slurm task of an array that is not a range `MIN-MAX:STEP`.
    case irregularArray(taskID: Int, tasks: Int)
    /// A Kubernetes indexed job without `shard_count`.
    case completionsMissing
    /// `shard auto` outside a job array.
    case noEnvironment
    /// A folder without a readable shard record.
    case notAShardRecord(path: String, reason: String)
    /// Nothing to merge.
    case noFolders

    public func message(naming name: (String) -> String) -> String {
        let auto = "\(name("shard")) auto"
        return switch self {
        case .malformed(let text): "\(name("shard")) \(text): expected I/N with 0 ≤ I < N, e.g. 0/4"
        case .slurmCountMissing:
            "\(auto): SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (give \(name("shard_count")))"
        case .irregularArray(let id, let tasks):
            "\(auto): SLURM_ARRAY_TASK_ID=\(id) belongs to an irregular job array (not MIN-MAX:STEP); submit a range such as --array=0-\(tasks - 1) or use \(name("shard")) I/N"
        case .completionsMissing:
            "\(auto): JOB_COMPLETION_INDEX is set; give the job's completions as \(name("shard_count"))"
        case .noEnvironment: "\(auto): neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set"
        case .notAShardRecord(let path, let reason):
            "\(path): not a shard record (was this folder written with \(name("shard")) I/N?): \(reason)"
        case .noFolders: "extract merge: no shard folders given"
        }
    }
}
