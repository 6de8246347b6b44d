import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system calls the worker processes need (spawn, sockets, signals, resource
/// limits, memory use), kept in one place so the platform differences stay out of the rest.
enum WorkerPlatform {
    /// How a worker process ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// The descriptor a worker finds its socket on (0–2 stay the usual streams).
    static let workerSocketFD: Int32 = 3

    /// The path of the running executable, so the linter can start itself as a worker.
    static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return Bundle.main.executablePath
        #endif
    }

    /// A connected pair of stream sockets, both close-on-exec; writes on them never raise SIGPIPE.
    static func socketPair() -> (parent: Int32, child: Int32)? {
        var fds: [Int32] = [0, 0]
        #if os(Linux)
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else { return nil }
        #else
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
        return (fds[0], fds[1])
    }

    /// Sends all of `bytes`; false when the peer is gone.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + done, $0.count - done, flags) }
            if n < 0 { if errno == EINTR { continue }; return false }
            done += n
        }
        return true
    }

    /// Reads what is available (blocking), into `buffer`; 0 at end of stream, -1 on error.
    static func receive(_ fd: Int32, _ buffer: inout [UInt8]) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Waits up to `milliseconds` for `fd` to become readable (or closed); false on timeout.
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let n = poll(&p, 1, milliseconds)
        return n != 0
    }

    /// Starts `executable` with `arguments`, `socket` as descriptor 3, standard input from
    /// /dev/null and standard output sent to standard error (a stray print must never mix into
    /// the report). Returns the process id, or nil.
    static func spawnWorker(_ executable: String, _ arguments: [String], socket: Int32, environment: [String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        posix_spawn_file_actions_adddup2(&actions, socket, workerSocketFD)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t(); sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        // The worker dies of its own faults; it must not inherit ignored or caught dispositions.
        var defaults = sigset_t(); sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGXCPU] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var cArgs: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) }; for p in cEnv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attr, &cArgs, &cEnv) == 0 else { return nil }
        return pid
    }

    /// Waits for `pid` to end.
    static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }

    static func kill(_ pid: pid_t) { _ = Foundation.kill(pid, SIGKILL) }

    /// Resident memory of `pid` in bytes, where the platform tells; nil otherwise.
    static func residentBytes(_ pid: pid_t) -> Int? {
        #if os(Linux)
        let fd = open("/proc/\(pid)/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return nil
        #endif
    }

    /// Allows this process `seconds` more CPU time, after which SIGXCPU ends it.
    static func limitCPU(secondsFromNow seconds: Int) {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let used = Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec) + 1
        var limit = rlimit()
        getrlimit(resourceCPU, &limit)
        let wanted = rlim_t(used + max(1, seconds))
        limit.rlim_cur = limit.rlim_max == Self.unlimited ? wanted : min(wanted, limit.rlim_max)
        setrlimit(resourceCPU, &limit)
    }

    /// Caps the address space, a backstop behind the parent's memory watchdog, and turns off
    /// core files (a worker killed for a hostile input must not leave a core in the user's folder).
    static func limitMemory(bytes: Int) {
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(resourceCore, &core)
        var limit = rlimit()
        getrlimit(resourceAS, &limit)
        let wanted = rlim_t(bytes)
        if limit.rlim_max == Self.unlimited || wanted < limit.rlim_max { limit.rlim_cur = wanted }
        setrlimit(resourceAS, &limit)
    }

    /// Ends this process with SIGSEGV, as a reader fault would (test switch only).
    static func crashWithSegmentationFault() -> Never {
        signal(SIGSEGV, SIG_DFL)
        raise(SIGSEGV)
        abort()
    }

    static let cpuLimitSignal = SIGXCPU

    /// RLIM_INFINITY, which Swift imports as a macro it cannot convert on Linux.
    private static let unlimited = rlim_t.max

    #if os(Linux)
    private static let resourceCPU = __rlimit_resource_t(RLIMIT_CPU.rawValue)
    private static let resourceAS = __rlimit_resource_t(RLIMIT_AS.rawValue)
    private static let resourceCore = __rlimit_resource_t(RLIMIT_CORE.rawValue)
    #else
    private static let resourceCPU = RLIMIT_CPU
    private static let resourceAS = RLIMIT_AS
    private static let resourceCore = RLIMIT_CORE
    #endif
}
