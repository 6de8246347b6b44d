import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Forking a worker from the linter (Linux); elsewhere workers are always spawned.
extension WorkerPlatform {
    /// Starts a worker by forking this process, which then runs `body` with `socket` (its end of
    /// the pair, `peer` being the linter's) and exits with what `body` returns; nil when forking is not safe here, and the
    /// caller spawns the executable instead. A forked worker skips what a new process costs
    /// (loading and relocating the Swift and Foundation libraries, reading the configuration
    /// again), which was most of the cost of isolation on small runs.
    ///
    /// Only a process with one thread may fork: a lock held by another thread (the allocator's,
    /// the Swift runtime's, libdispatch's) would stay locked forever in the child. So workers are
    /// forked only while the linter has not started its threads; a worker replaced later is spawned.
    static func forkWorker(socket: Int32, peer: Int32, body: () -> Int32) -> pid_t? {
        #if os(Linux)
        guard threadCount() == 1 else { return nil }
        // Output still buffered in this process must not be written a second time by the child.
        fflush(nil)
        let pid = fork()
        if pid != 0 { return pid > 0 ? pid : nil }
        // The child: the sockets of the other workers are the linter's, not ours (holding them
        // would keep those workers from seeing the end of their input).
        close(peer)
        for fd in parentSockets.snapshot() { close(fd) }
        // As a spawned worker: no input, output to standard error, default signal dispositions
        // (a fault ends this process, without the linter's or the runtime's handlers), no mask.
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        if null >= 0 { dup2(null, 0); close(null) }
        dup2(2, 1)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGXCPU, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT] {
            signal(s, SIG_DFL)
        }
        var none = sigset_t(); sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        _exit(body())
        #else
        return nil
        #endif
    }

    /// The linter's ends of the worker sockets, closed in every forked worker.
    static let parentSockets = DescriptorSet()

    /// A set of descriptors shared by the linting threads.
    final class DescriptorSet: @unchecked Sendable {
        private let lock = NSLock()
        private var fds = Set<Int32>()
        func insert(_ fd: Int32) { lock.lock(); fds.insert(fd); lock.unlock() }
        func remove(_ fd: Int32) { lock.lock(); fds.remove(fd); lock.unlock() }
        func snapshot() -> [Int32] { lock.lock(); defer { lock.unlock() }; return Array(fds) }
    }

    /// The number of threads of this process (from /proc/self/task); 0 when it cannot be told.
    private static func threadCount() -> Int {
        #if os(Linux)
        guard let dir = opendir("/proc/self/task") else { return 0 }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            let first = withUnsafeBytes(of: entry.pointee.d_name) { $0.first ?? 0 }
            if first != UInt8(ascii: ".") { count += 1 }
        }
        return count
        #else
        return 0
        #endif
    }
}
