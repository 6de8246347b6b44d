#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sigaction(2), whose handler field is named differently in glibc and Darwin, kept in this platform file.
enum PlatformSignals {
    typealias Handler = @convention(c) (Int32) -> Void

    /// Installs `handler` for `sig` unless the signal is ignored (e.g. SIGHUP under nohup), which
    /// stays ignored. Returns false when it was left alone.
    @discardableResult
    static func install(_ sig: Int32, _ handler: Handler) -> Bool {
        var old = sigaction()
        sigaction(sig, nil, &old)
        #if canImport(Glibc)
        let previous = old.__sigaction_handler.sa_handler
        #elseif canImport(Darwin)
        let previous = old.__sigaction_u.__sa_handler
        #endif
        if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return false }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #elseif canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
        return true
    }

    /// Ends the process with `sig` as if it had never been caught (same status for the shell).
    static func dieOf(_ sig: Int32) {
        signal(sig, SIG_DFL)
        raise(sig)
    }
}

/// write(2) on a descriptor, for the output sink.
enum PlatformIO {
    static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #elseif canImport(Darwin)
        return Darwin.write(fd, bytes, count)
        #endif
    }
}
