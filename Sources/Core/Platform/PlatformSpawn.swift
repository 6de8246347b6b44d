#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of posix_spawn that differ between glibc and Darwin, kept in this platform file:
/// the opaque types (structs in glibc, optional pointers on Darwin) and changing directory in
/// the child.
public enum PlatformSpawn {
    /// This process's environment, handed to the child.
    public static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Glibc)
        return environ
        #elseif canImport(Darwin)
        return _NSGetEnviron().pointee
        #endif
    }

    #if canImport(Glibc)
    public typealias FileActions = posix_spawn_file_actions_t
    public typealias Attributes = posix_spawnattr_t
    public static func newFileActions() -> FileActions { posix_spawn_file_actions_t() }
    public static func newAttributes() -> Attributes { posix_spawnattr_t() }

    /// The child starts in `directory` (posix_spawn_file_actions_addchdir_np, glibc ≥ 2.29).
    @discardableResult
    public static func addChdir(_ actions: inout FileActions, _ directory: String) -> Int32 {
        glibcAddChdir(&actions, directory)
    }

    /// pipe2(2) with O_CLOEXEC, set atomically with the pipe's creation: a separate fcntl would
    /// leave a window in which another thread's posix_spawn inherits the ends.
    public static func closeOnExecPipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 { glibcPipe2(fds, O_CLOEXEC) }
    #elseif canImport(Darwin)
    public typealias FileActions = posix_spawn_file_actions_t?
    public typealias Attributes = posix_spawnattr_t?
    public static func newFileActions() -> FileActions { nil }
    public static func newAttributes() -> Attributes { nil }

    /// The child starts in `directory` (posix_spawn_file_actions_addchdir_np, macOS ≥ 10.15).
    @discardableResult
    public static func addChdir(_ actions: inout FileActions, _ directory: String) -> Int32 {
        posix_spawn_file_actions_addchdir_np(&actions, directory)
    }

    /// Darwin has no pipe2: the flag is set right after, which leaves a short window in which
    /// another thread's spawn may inherit the ends.
    public static func closeOnExecPipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
        guard pipe(fds) == 0 else { return -1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return 0
    }
    #endif
}

#if canImport(Glibc)
/// glibc has had posix_spawn_file_actions_addchdir_np since 2.29, but the Glibc
/// module does not export it (it sits behind _GNU_SOURCE), so it is declared here.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func glibcAddChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

/// pipe2 sits behind _GNU_SOURCE in glibc's headers too.
@_silgen_name("pipe2")
private func glibcPipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
#endif
