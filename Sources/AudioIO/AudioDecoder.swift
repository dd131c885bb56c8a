import Foundation

/// Streams one open file into Float32 samples with `librosa.load` semantics: seek to the
/// offset, read fixed blocks, reject non-finite samples, downmix each block, feed it to a
/// streaming resampler, append to one preallocated output, reject an output that overflowed.
/// Memory beyond the output is a few blocks, whatever the file's length.
enum AudioDecoder {
    /// Frames decoded per libsndfile read.
    static let defaultBlockFrames = 65_536

    /// - Parameter blockFrames: frames per read; the result does not depend on it.
    static func decode(_ handle: SndfileHandle, options: LoadOptions, blockFrames: Int = defaultBlockFrames)
        throws(AudioIOError) -> DecodedAudio
    {
        let path = handle.path, channels = handle.channels, nativeRate = handle.sampleRate
        try options.validate(path: path)
        guard handle.frames > 0 else { throw .noFrames(path: path) }
        let (start, count) = try window(options, frames: handle.frames, sampleRate: nativeRate, path: path)
        let outputChannels = options.mono ? 1 : channels
        let targetRate = options.sampleRate ?? nativeRate
        let length = OutputLength(inputFrames: count, inputRate: nativeRate, outputRate: targetRate)
        let resampler =
            targetRate == nativeRate
            ? nil
            : try Resampler(
                inputRate: nativeRate, outputRate: targetRate, channels: outputChannels, maxBlockFrames: blockFrames,
                path: path)
        let total = outputChannels * length.frames
        try checkFitsInMemory(samples: total, frames: handle.frames, path: path)
        if start > 0 { try handle.seek(toFrame: start) }

        // The output is allocated uninitialised, so a header that overstates the length costs
        // address space, not memory, until the shortfall is detected.
        let samples = try [Float](unsafeUninitializedCapacity: total) { (storage, initialized) throws(AudioIOError) in
            var output = ChannelMajorBuffer(
                storage: storage, channels: outputChannels, frames: length.frames, limit: length.limit)
            try stream(
                handle, from: start, count: count, mono: options.mono, blockFrames: blockFrames, resampler: resampler,
                into: &output)
            output.padWithZeros()
            initialized = total
        }
        // A one-channel track read as it is was checked block by block as it was read; a
        // resampled or downmixed one can still overflow here.
        let checkedWhileRead = resampler == nil && channels == 1
        if !checkedWhileRead,
            let index = samples.withUnsafeBufferPointer({ firstNonFinite($0.baseAddress!, count: $0.count) })
        {
            throw .sampleOverflow(path: path, frame: index % length.frames, channel: index / length.frames)
        }
        return DecodedAudio(samples: samples, channels: outputChannels, sampleRate: targetRate)
    }

    /// Reads `count` frames from `start` block by block into `output`, downmixed when `mono`.
    private static func stream(
        _ handle: SndfileHandle, from start: Int64, count: Int, mono: Bool, blockFrames: Int,
        resampler: Resampler?, into output: inout ChannelMajorBuffer
    ) throws(AudioIOError) {
        let channels = handle.channels

        /// Resamples (or copies) one block of output-layout frames into `output`.
        func feed(_ samples: UnsafePointer<Float>, _ frames: Int) throws(AudioIOError) {
            if let resampler {
                try resampler.process(samples, frames: frames) { output.append($0, count: $1) }
            } else {
                output.append(samples, count: frames)
            }
        }

        // One channel at its own rate goes straight into the output; otherwise a block is read,
        // then downmixed and resampled into it.
        let direct = resampler == nil && channels == 1
        var block = [Float](repeating: 0, count: direct ? 0 : blockFrames * channels)
        var mixed = [Float](repeating: 0, count: mono && channels > 1 ? blockFrames : 0)
        var done = 0
        while done < count {
            let wanted = min(blockFrames, count - done), firstFrame = start + Int64(done)
            func read(_ into: UnsafeMutablePointer<Float>, _ frames: Int) throws(AudioIOError) -> Int {
                try readBlock(handle, into: into, frames: frames, firstFrame: firstFrame)
            }
            if direct {
                try output.appendInPlace(count: wanted, read)
                done += wanted
                continue
            }
            let got = try block.withUnsafeMutableBufferPointer { (block) throws(AudioIOError) in
                try read(block.baseAddress!, wanted)
            }
            if mixed.isEmpty {
                try block.withUnsafeBufferPointer { (samples) throws(AudioIOError) in
                    try feed(samples.baseAddress!, got)
                }
            } else {
                block.withUnsafeBufferPointer { interleaved in
                    mixed.withUnsafeMutableBufferPointer {
                        Downmix.mono(interleaved.baseAddress!, frames: got, channels: channels, into: $0.baseAddress!)
                    }
                }
                try mixed.withUnsafeBufferPointer { (samples) throws(AudioIOError) in
                    try feed(samples.baseAddress!, got)
                }
            }
            done += got
        }
        try resampler?.finish { output.append($0, count: $1) }
    }

    /// Throws when the decoded output alone would exceed this machine's physical memory.
    private static func checkFitsInMemory(samples: Int, frames: Int64, path: String) throws(AudioIOError) {
        let physical = Int64(sysconf(Int32(_SC_PHYS_PAGES))) * Int64(sysconf(Int32(_SC_PAGESIZE)))
        let needed = Int64(samples) * Int64(MemoryLayout<Float>.size)
        guard physical <= 0 || needed <= physical else {
            throw .absurdHeader(
                path: path, field: "frames", value: frames,
                limit:
                    "small enough that the \(needed >> 20) MiB output fits in this machine's \(physical >> 20) MiB of memory"
            )
        }
    }

    /// First frame and frame count of the requested window, as `librosa.load` computes them:
    /// `int(offset × sr)` and `int(duration × sr)`, clamped to the end of the file.
    static func window(_ options: LoadOptions, frames: Int64, sampleRate: Int, path: String) throws(AudioIOError) -> (
        start: Int64, count: Int
    ) {
        let start = Int64(options.offset * Double(sampleRate))
        guard start <= frames else {
            throw .badParameter(
                path: path, name: "offset", value: "\(options.offset)",
                reason: "beyond the end of the audio (\(Double(frames) / Double(sampleRate)) s)")
        }
        let wanted = options.duration.map { Int64($0 * Double(sampleRate)) } ?? frames
        return (start, Int(min(wanted, frames - start)))
    }

    /// Reads `frames` interleaved frames (the ones from `firstFrame`) into `buffer`; throws when
    /// fewer are there, or for the first NaN or ±Inf among them.
    private static func readBlock(
        _ handle: SndfileHandle, into buffer: UnsafeMutablePointer<Float>, frames: Int, firstFrame: Int64
    ) throws(AudioIOError) -> Int {
        let got = handle.readFrames(into: buffer, count: frames)
        guard got == frames else {
            throw .truncatedData(
                path: handle.path, announcedFrames: handle.frames, readableFrames: firstFrame + Int64(max(got, 0)))
        }
        let channels = handle.channels
        guard let index = firstNonFinite(buffer, count: frames * channels) else { return got }
        throw .nonFiniteSample(
            path: handle.path, frame: firstFrame + Int64(index / channels), channel: index % channels)
    }
}
