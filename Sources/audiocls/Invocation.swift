/// The audiocls command line being run, as the user would type it: the process's arguments, or
/// a pipeline step's (`audiocls run` sets it before each step). Recorded in model bundles.
enum Invocation {
    nonisolated(unsafe) static var arguments = ["audiocls"] + CommandLine.arguments.dropFirst()
}
