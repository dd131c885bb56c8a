import FuzzSupport
import Pipelines

/// Parses the bytes (as UTF-8, invalid sequences repaired) as a pipeline YAML file. Any input must
/// either give a spec or throw `DatasetError`.
func fuzzPipeline(_ bytes: UnsafeBufferPointer<UInt8>) {
    _ = try? PipelineSpec.parse(String(decoding: bytes, as: UTF8.self), path: "/fuzz/pipeline.yaml")
}

@_cdecl("FuzzPipeline_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzPipeline)
}
