import Foundation

/// Runs a command with input on stdin and a deadline, collecting stdout and stderr.
///
/// Built on posix_spawn and poll rather than Foundation's `Process` so that the
/// child gets its own process group: on timeout the whole group is killed,
/// including anything the plugin started, and the caller never blocks on a pipe
/// a grandchild still holds.
public enum Subprocess {
    public struct Outcome: Sendable {
        /// Exit status, or nil when the process was killed by a signal or on timeout.
        public var exitStatus: Int32?
        public var signal: Int32?
        public var timedOut: Bool
        public var stdout: Data
        public var stderr: Data
        /// True when stdout exceeded the cap and was cut.
        public var truncated: Bool
    }

    /// A plugin that exits without reading its input closes the pipe under us; the
    /// write must fail with EPIPE, not kill auditlint with SIGPIPE. Linux has no
    /// per-descriptor switch for this, so it is set once for the process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    public struct SpawnError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// What is left running after the command ends, and what is killed.
    public enum Leftovers: Sendable {
        /// Anything: the process group, every descendant and (in a worker) every orphan is
        /// found in the process table and killed. For plugins, which may start anything.
        case searched
        /// Nothing outside the command's process group (a program known to start no process
        /// of its own, such as pdftotext): after a normal end the group is killed without
        /// reading the process table, which costs milliseconds on a busy machine. A timeout or
        /// an output cut at the limit still searches.
        case inGroup
    }

    /// - Parameters:
    ///   - outputLimit: bytes kept of stdout; more kills the process (a plugin must not exhaust memory).
    ///   - leftovers: how far to look for processes left running.
    ///   - progress: called with all of stdout so far after each read, while the command runs,
    ///     so that its output can be worked on as it comes; its time does not count against `timeout`.
    public static func run(_ argv: [String], input: Data, timeout: Double, directory: String? = nil,
                           outputLimit: Int = 64 << 20, leftovers: Leftovers = .searched,
                           progress: (Data) -> Void = { _ in }) throws -> Outcome {
        guard let program = argv.first else { throw SpawnError(description: "empty command") }
        _ = Subprocess.ignoreBrokenPipes
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Close-on-exec: a child spawned at the same time by another thread must not inherit these
        // ends. An inherited stdin write end would keep this child from ever seeing end of input
        // (two concurrent pdftotext reading fd://0 then wait on each other). The dup2 onto 0/1/2
        // in the child clears the flag there.
        guard PlatformSpawn.closeOnExecPipe(&inPipe) == 0, PlatformSpawn.closeOnExecPipe(&outPipe) == 0, PlatformSpawn.closeOnExecPipe(&errPipe) == 0 else {
            throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        var actions = PlatformSpawn.newFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        if let directory { PlatformSpawn.addChdir(&actions, directory) }
        var attr = PlatformSpawn.newAttributes()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attr, 0)
        var noSignals = sigset_t(); sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        var defaults = sigset_t(); sigemptyset(&defaults); sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)

        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attr, &cArgs, PlatformSpawn.environment)
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: "\(program): \(String(cString: strerror(rc)))")
        }
        ProcessTree.started(pid)
        // Our end of stdin must not block and a closed reader must not kill us with SIGPIPE.
        _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK)

        #if os(Linux)
        // F_SETPIPE_SZ: 1 MB (the unprivileged maximum) instead of 64 KB, so the command keeps
        // printing while `progress` works on what came; a refusal leaves the default size.
        _ = fcntl(outPipe[0], 1031, 1 << 20)
        #endif

        var stdinFD: Int32 = inPipe[1], outFD: Int32 = outPipe[0], errFD: Int32 = errPipe[0]
        var written = 0
        var out = Data(), err = Data()
        var truncated = false, timedOut = false
        var deadline = Date().addingTimeInterval(timeout)
        if input.isEmpty { close(stdinFD); stdinFD = -1 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while outFD >= 0 || errFD >= 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { timedOut = true; break }
            var fds: [pollfd] = []
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            let n = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000)) + 1)
            if n < 0 { if errno == EINTR { continue }; break }
            for f in fds where f.revents != 0 {
                if f.fd == stdinFD {
                    if f.revents & Int16(POLLOUT) != 0 {
                        let k = input.withUnsafeBytes { raw in
                            write(stdinFD, raw.baseAddress! + written, min(raw.count - written, 65536))
                        }
                        if k > 0 { written += k }
                        if k < 0 && errno != EAGAIN { close(stdinFD); stdinFD = -1; continue }
                    } else { close(stdinFD); stdinFD = -1; continue }
                    if written >= input.count { close(stdinFD); stdinFD = -1 }
                } else {
                    let k = read(f.fd, &buffer, buffer.count)
                    if k <= 0 {
                        if k < 0 && errno == EINTR { continue }
                        close(f.fd)
                        if f.fd == outFD { outFD = -1 } else { errFD = -1 }
                        continue
                    }
                    if f.fd == outFD {
                        out.append(contentsOf: buffer[0..<k])
                        if out.count > outputLimit { truncated = true; break }
                        // The deadline is the command's: time spent on its output here is not its.
                        let started = Date()
                        progress(out)
                        deadline += Date().timeIntervalSince(started)
                    } else if err.count < 65536 {
                        err.append(contentsOf: buffer[0..<k])
                    }
                }
            }
            if truncated { break }
        }
        for fd in [stdinFD, outFD, errFD] where fd >= 0 { close(fd) }
        if timedOut || truncated { ProcessTree.killAll(from: pid) }
        // The deadline covers the plugin's whole life: one that closes its output and keeps
        // running is waited for only until the deadline, then killed.
        var status: Int32 = 0
        // A process usually exits just after closing its output: look again soon, then less often.
        var pause: UInt32 = 100
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if r == 0 && deadline.timeIntervalSinceNow <= 0 {
                timedOut = true
                ProcessTree.killAll(from: pid)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            if r == 0 { usleep(pause); pause = min(2 * pause, 5_000) }
        }
        // The group, the plugin's descendants and its orphans (setsid) may outlive it; leave nothing running.
        if leftovers == .inGroup && !timedOut && !truncated {
            ProcessTree.killGroup(of: pid)
        } else {
            ProcessTree.killAll(from: pid)
        }
        let exited = (status & 0x7f) == 0
        return Outcome(exitStatus: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                       timedOut: timedOut, stdout: out, stderr: err, truncated: truncated)
    }
}
