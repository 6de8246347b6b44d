import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and ends what a plugin left running, whatever it did to escape its process group.
///
/// The process group and every descendant still attached to the plugin are always killed. A
/// process whose children are all plugins (the linter's worker) also calls `adoptOrphans()`: on
/// Linux it becomes a child subreaper (`PR_SET_CHILD_SUBREAPER`), so a descendant whose parent
/// exits (a plugin's child that called setsid() and was orphaned) is re-parented to it instead of
/// to init, and is found and killed too. A library user's process is never made a subreaper, and
/// its other children are never touched.
public enum ProcessTree {
    /// Plugins started and not yet reaped: their orphans are found among this process's children.
    nonisolated(unsafe) private static var running = Set<pid_t>()
    private static let lock = NSLock()

    /// Set by `adoptOrphans()`: every child that is not a running plugin is a plugin's leftover.
    nonisolated(unsafe) private static var adopting = false

    /// Makes this process the reaper of its plugins' orphans. Only for a process whose children
    /// are all plugins: their orphans are then killed with the plugin that left them.
    public static func adoptOrphans() {
        #if os(Linux)
        if prctlSetChildSubreaper(36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0) == 0 { adopting = true }
        #endif
    }

    static func started(_ pid: pid_t) { lock.lock(); running.insert(pid); lock.unlock() }

    /// Kills `pid`'s process group only, and forgets `pid`: for a program that starts no process
    /// of its own, whose group is all it can leave behind.
    static func killGroup(of pid: pid_t) {
        _ = kill(-pid, SIGKILL)
        lock.lock()
        running.remove(pid)
        lock.unlock()
    }

    /// Kills `pid`'s group, every descendant of `pid` still attached to it, and every orphan
    /// re-parented to this process that is not a running plugin (it came from a finished one).
    static func killAll(from pid: pid_t) {
        _ = kill(-pid, SIGKILL)
        lock.lock()
        running.remove(pid)
        let others = running
        lock.unlock()
        let table = processTable()
        var targets = descendants(of: [pid], in: table)
        let me = getpid()
        let orphans = adopting
            ? table.filter { $0.value == me && $0.key != pid && !others.contains($0.key) && !isLinterWorker($0.key) }.map(\.key)
            : []
        targets.formUnion(orphans)
        targets.formUnion(descendants(of: orphans, in: table))
        for p in targets { _ = kill(p, SIGKILL) }
        // Reap the orphans we killed (they are our children now), without blocking on anything else.
        for p in orphans { var status: Int32 = 0; _ = waitpid(p, &status, 0) }
    }

    /// Only plugin leftovers are ours to kill: a worker process of the linter is not one (nor is a
    /// process whose command line cannot be read any more: it is gone).
    private static func isLinterWorker(_ pid: pid_t) -> Bool {
        #if os(Linux)
        guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
        return cmdline.split(separator: 0).dropFirst().first.map { String(decoding: $0, as: UTF8.self) == "__worker" } ?? false
        #else
        return true
        #endif
    }

    /// Parent of every process (pid → ppid), where the platform tells.
    private static func processTable() -> [pid_t: pid_t] {
        #if os(Linux)
        var table: [pid_t: pid_t] = [:]
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [:] }
        for name in entries {
            guard let pid = pid_t(name), let stat = FileManager.default.contents(atPath: "/proc/\(name)/stat") else { continue }
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            if fields.count > 1, let ppid = pid_t(String(decoding: fields[1], as: UTF8.self)) { table[pid] = ppid }
        }
        return table
        #else
        return [:]
        #endif
    }

    private static func descendants(of roots: [pid_t], in table: [pid_t: pid_t]) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for (pid, ppid) in table { children[ppid, default: []].append(pid) }
        var found = Set<pid_t>()
        var stack = roots
        while let p = stack.popLast() {
            for c in children[p] ?? [] where found.insert(c).inserted { stack.append(c) }
        }
        return found
    }
}

#if os(Linux)
/// prctl is variadic in C, which Swift cannot call; this is its fixed five-argument form.
@_silgen_name("prctl")
private func prctlSetChildSubreaper(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32
#endif
