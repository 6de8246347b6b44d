import Foundation

/// Where a run's output goes, written in pieces as results arrive: standard output, a device
/// or FIFO written straight to, or a file that appears only when complete (a temporary file
/// beside it, renamed over it by `commit()`; see `OutputTarget`). A run that stops early, fails or is interrupted leaves no partial file:
/// `discard()` and `SignalCleanup` remove the temporary file.
final class OutputSink {
    private let fd: Int32
    private let temporary: String?
    private var target: OutputTarget?
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 16
    /// The first write error; later writes are skipped and `commit()` reports it.
    private(set) var failure: String?

    /// Writes to standard output.
    init() {
        fd = STDOUT_FILENO
        temporary = nil
        target = nil
        buffer.reserveCapacity(Self.flushAt)
    }

    /// Writes to `path` as `OutputTarget` decides: through a temporary file renamed over it
    /// by `commit()`, or straight to a device or FIFO.
    init(file path: String) throws {
        target = try OutputTarget(path)
        (fd, temporary) = try target!.openForWriting()
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
        guard let target else {
            if let failure { throw OutputError(reason: failure) }
            return
        }
        close(fd)
        guard let temporary else {
            if let failure { throw OutputError(reason: failure) }
            return
        }
        if let failure { unlink(temporary); throw OutputError(reason: failure) }
        try target.commit(temporary: temporary)
    }

    /// Drops a file output that will not be completed.
    func discard() {
        guard target != nil else { return }
        close(fd)
        if let temporary { unlink(temporary) }
    }

    struct OutputError: Error, LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }
}
