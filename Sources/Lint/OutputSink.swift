import Foundation

/// Where a run's output goes, written in pieces as results arrive: standard output, or a
/// file that appears only when complete (a temporary file beside it, renamed over it by
/// `commit()`). A run that stops early, fails or is interrupted leaves no partial file:
/// `discard()` and `SignalCleanup` remove the temporary file.
final class OutputSink {
    private let fd: Int32
    private let temporary: String?
    private let destination: String?
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 16
    /// The first write error; later writes are skipped and `commit()` reports it.
    private(set) var failure: String?

    /// Writes to standard output.
    init() {
        fd = STDOUT_FILENO
        temporary = nil
        destination = nil
        buffer.reserveCapacity(Self.flushAt)
    }

    /// Writes to `.NAME.tmp-PID` beside `path`; `commit()` renames it to `path`.
    init(atomicFile path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let opened = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tmp]) }
        fd = opened
        temporary = tmp
        destination = url.path
        buffer.reserveCapacity(Self.flushAt)
    }

    /// The temporary file to remove if a signal ends the run, nil for standard output.
    var temporaryPath: String? { temporary }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushAt { flush() }
    }

    func write(_ data: Data) {
        buffer.append(contentsOf: data)
        if buffer.count >= Self.flushAt { flush() }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushAt { flush() }
    }

    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { PlatformIO.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            done += n
        }
    }

    /// Flushes; for a file, closes it and renames it into place. Throws the first write error.
    func commit() throws {
        flush()
        guard let temporary, let destination else {
            if let failure { throw OutputError(reason: failure) }
            return
        }
        close(fd)
        if let failure { unlink(temporary); throw OutputError(reason: failure) }
        if rename(temporary, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(reason: reason)
        }
    }

    /// Drops a file output that will not be completed.
    func discard() {
        guard let temporary else { return }
        close(fd)
        unlink(temporary)
    }

    struct OutputError: Error, LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }
}
