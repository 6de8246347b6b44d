import Foundation

/// The budget one file may use, enforced where the work is done: the worker process that
/// lints the file (CPU time, memory) and the readers (bytes decoded, XML nodes, cells,
/// characters). Over budget, the file gets a `parse-error` naming the limit; other files go on.
/// Set in `.lintrc` under `limits`.
public struct ResourceLimits: Sendable, Hashable {
    /// CPU seconds one file may take in its worker (RLIMIT_CPU); the wall-clock watchdog allows four times this.
    /// A legitimate 50 MB text report takes about 20 s in a release build, several times that in a debug build.
    public var cpuSeconds: Int = 120
    /// Resident memory, in MB, a worker may reach while linting one file.
    public var memoryMegabytes: Int = 2048
    /// Bytes an Office file may inflate to, over all its parts.
    public var decodedBytes: Int = 256 << 20
    /// XML elements an Office file may contain, over all its parts.
    public var xmlNodes: Int = 4_000_000
    /// Table cells a file may produce, after padding rows and expanding merged cells.
    public var cells: Int = 2_000_000
    /// Characters of cell and paragraph text a file may produce, after expanding shared strings and merges.
    public var characters: Int = 64 << 20

    public init() {}

    /// The keys of `limits` in `.lintrc`, each with its description for errors.
    public static let keys: [(key: String, path: WritableKeyPath<ResourceLimits, Int>, unit: String)] = [
        ("cpuSeconds", \.cpuSeconds, "seconds"),
        ("memoryMegabytes", \.memoryMegabytes, "MB"),
        ("decodedBytes", \.decodedBytes, "bytes"),
        ("xmlNodes", \.xmlNodes, "elements"),
        ("cells", \.cells, "cells"),
        ("characters", \.characters, "characters"),
    ]
}
