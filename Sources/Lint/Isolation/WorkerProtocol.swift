import Foundation
import Core

/// What the linter and its worker processes say to each other over a socket: length-prefixed
/// frames (4 bytes, big-endian, then the payload). A request is a path in UTF-8; a reply is the
/// file's result as JSON. Everything in a `FileResult` is `Codable`, so the round trip is exact
/// and the output does not depend on whether a file was linted in a worker.
enum WorkerProtocol {
    /// A reply larger than this is a worker gone wrong, not a result.
    static let maxFrame = 1 << 30

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(payload.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)] + payload
    }

    /// The JSON shape of one file's result.
    struct Reply: Codable {
        var path: String
        var format: String?
        var diagnostics: [Diagnostic]
        var notifications: [ToolNotification]
    }

    static func encode(_ r: FileResult) throws -> [UInt8] {
        [UInt8](try JSONEncoder().encode(Reply(path: r.path, format: r.format, diagnostics: r.diagnostics, notifications: r.notifications)))
    }

    static func decode(_ bytes: [UInt8]) throws -> FileResult {
        let r = try JSONDecoder().decode(Reply.self, from: Data(bytes))
        return FileResult(path: r.path, format: r.format, diagnostics: r.diagnostics, notifications: r.notifications)
    }
}

/// Collects frames from a stream of received bytes.
struct FrameReader {
    private var pending: [UInt8] = []
    private var start = 0

    mutating func append(_ bytes: ArraySlice<UInt8>) { pending.append(contentsOf: bytes) }

    /// The next complete frame, nil if more bytes are needed; throws on an impossible length.
    mutating func next() throws -> [UInt8]? {
        guard pending.count - start >= 4 else { return nil }
        let n = Int(pending[start]) << 24 | Int(pending[start + 1]) << 16 | Int(pending[start + 2]) << 8 | Int(pending[start + 3])
        guard n <= WorkerProtocol.maxFrame else { throw FrameError() }
        guard pending.count - start - 4 >= n else { return nil }
        let payload = Array(pending[(start + 4)..<(start + 4 + n)])
        start += 4 + n
        if start == pending.count { pending.removeAll(keepingCapacity: true); start = 0 }
        return payload
    }

    struct FrameError: Error {}
}
