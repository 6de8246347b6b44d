import Foundation

/// Removes a temporary file when SIGINT, SIGTERM or SIGHUP stops the process while the file
/// exists, then lets the signal end the process as it would have (same status for the shell).
///
/// `AtomicFile` and `OutputSink` write a temporary file (mkstemp) and rename it over NAME. Interrupting a run before the
/// write leaves nothing; interrupting during the write would leave the temporary file behind.
/// Wrapping the write and the rename in `removing(_:during:)` closes that window.
enum SignalCleanup {
    /// The path to unlink, as a C string the handler can use without allocating (async-signal-safe).
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    private static let lock = NSLock()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body`; if one of `signals` arrives meanwhile, `path` is unlinked before the process dies.
    static func removing<T>(_ path: String?, during body: () throws -> T) rethrows -> T {
        guard let path else { return try body() }
        lock.lock()
        install()
        let c = strdup(path)
        pending = c
        lock.unlock()
        defer {
            lock.lock()
            pending = nil
            free(c)
            lock.unlock()
        }
        return try body()
    }

    private static func install() {
        guard !installed else { return }
        installed = true
        for sig in signals {
            // An ignored signal stays ignored (e.g. SIGHUP under nohup).
            PlatformSignals.install(sig) { sig in
                if let p = SignalCleanup.pending { unlink(p) }
                // Die of the same signal, as if it had never been caught.
                PlatformSignals.dieOf(sig)
            }
        }
    }
}
